import { Body, Controller, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { REVOCATION_REASONS, type RevocationReason } from '@govdata/federation-pki';
import { CurrentPrincipal, Public, RequirePermission, type Principal } from '@govdata/platform-auth';
import { ApiZodBody, parseInput } from '@govdata/platform-service';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { RegistryService } from './registry.service.js';
import { RenewNodeCertificateUseCase } from './renew-node-certificate.usecase.js';
import { RevokeChildUseCase } from './revoke-child.usecase.js';

const revocation = z
  .object({
    reason: z.enum(Object.keys(REVOCATION_REASONS) as [RevocationReason, ...RevocationReason[]]),
    note: z.string().trim().max(1000).optional(),
  })
  .strict();

const codeParam = z.string().regex(/^(\d{6}|[0-9A-HJ-NPQRTUWXY]{18})$/, '节点代码 (a node code)');

/** 节点注册表 — this node's children and its own identity; revocation and the public CRL. */
@ApiTags('federation registry 节点注册表')
@Controller('api/v1/federation')
export class RegistryController {
  constructor(
    private readonly registry: RegistryService,
    private readonly revokeChild: RevokeChildUseCase,
    private readonly renewNodeCertificate: RenewNodeCertificateUseCase,
  ) {}

  @Get('children')
  @RequirePermission('federation.registry.read')
  @ApiOperation({ summary: '下级节点列表 (children: status, certificate, renewal, last seen, lag, version)' })
  async children() {
    return { items: await this.registry.children() };
  }

  @Post('children/:code/revoke')
  @RequirePermission('federation.child.revoke')
  @HttpCode(200)
  @ApiOperation({ summary: '吊销下级节点证书 (revoke a child; the CRL lists its serial)' })
  @ApiZodBody(revocation)
  async revoke(@CurrentPrincipal() principal: Principal, @Param('code') code: string, @Body() body: unknown) {
    const input = parseInput(revocation, body);
    return this.revokeChild.execute(parseInput(codeParam, code, 'code'), principal, input);
  }

  @Get('crl')
  @Public()
  @Header('content-type', 'application/x-pem-file')
  @ApiOperation({ summary: '证书吊销列表 (this node’s signed X.509 CRL, PEM)' })
  async crl() {
    return this.registry.crl();
  }

  @Post('node/renew')
  @RequirePermission('federation.node.renew')
  @HttpCode(200)
  @ApiOperation({
    summary: '证书轮换 (renew this node’s certificate now, over the link to its parent; 409 when the link is not up)',
  })
  async renew() {
    return this.renewNodeCertificate.execute();
  }

  @Get('node')
  @RequirePermission('federation.node.read')
  @ApiOperation({ summary: '本节点身份 (code, certificate serial, notAfter, renewal, parent)' })
  async node() {
    return this.registry.node();
  }
}
