import {
  Injectable,
  SetMetadata,
  type CanActivate,
  type ExecutionContext,
  createParamDecorator,
  Inject,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GovdataError } from '@govdata/platform-errors';
import type { Request } from 'express';
import { PERMISSIONS, describeHolders, mayAttempt, type Permission, type PermissionRule } from './policy.js';
import type { Principal } from './principal.js';
import { TokenVerifier } from './token-verifier.js';

export const IS_PUBLIC_KEY = 'govdata:public';
export const PERMISSION_KEY = 'govdata:permission';

/** Marks a route as reachable without a token. */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);

/** The permission (policy.ts) a route needs; checked by AuthGuard with the role's scope. */
export const RequirePermission = (permission: Permission) => SetMetadata(PERMISSION_KEY, permission);

/** Injects the verified principal into a handler parameter. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<Request & { principal: Principal }>().principal;
});

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');
/** The code of the node this service belongs to: node-level roles take effect only on it. */
export const AUTH_NODE_CODE = Symbol('AUTH_NODE_CODE');

/**
 * Every HTTP route needs a valid bearer token unless marked public, and names its permission: the
 * guard checks that the caller's roles hold it at their scope on this node (policy.ts). A route
 * that names no permission is refused (fail closed).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    @Inject(AUTH_NODE_CODE) private readonly nodeCode: string,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match)
      throw GovdataError.unauthenticated(
        'Authorization 请求头须携带 "Bearer <access token>" (the Authorization header must carry "Bearer <access token>")',
      );
    const principal = await this.verifier.verify(match[1]!);
    request.principal = principal;
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, targets);
    if (!permission)
      throw GovdataError.forbidden('该路由未在权限表中声明权限 (this route names no permission in the policy table)');
    const kinds = (PERMISSIONS[permission] as PermissionRule).kinds;
    if (kinds && !kinds.includes(principal.kind)) {
      const denied = GovdataError.forbidden(
        `${permission} 仅限 ${kinds.join(' 或 ')} 账号行使 (${permission} is exercised by a ${kinds.join(' or ')} account only)`,
      );
      throw new GovdataError(denied.code, denied.message, [], { reason: `${kinds.join('-or-')}-account-required` });
    }
    if (!mayAttempt(principal, permission, this.nodeCode)) {
      throw GovdataError.forbidden(
        `无权执行此操作，缺少权限 ${permission} (${permission} needs ${describeHolders(permission, { nodeCode: this.nodeCode })})`,
      );
    }
    return true;
  }
}
