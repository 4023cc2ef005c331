import { Inject, Injectable } from '@nestjs/common';
import { checkUscc } from '@govdata/codes';
import type { NodeConfig } from '@govdata/platform-config';
import { ErrorCode, GovdataError } from '@govdata/platform-errors';
import { LOGGER, NODE_CONFIG } from '@govdata/platform-service';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { isValidIdNumber, maskIdNumber } from './id-number.js';
import type { OpenAccount, RealName } from './open-account.js';
import { OpenAccountRepository } from './open-account.repository.js';
import { badField, PeopleRule } from './people.exception.js';

export type RealNameRequest =
  { kind: 'company'; name: string; creditCode: string } | { kind: 'person'; name: string; idNumber: string };

/**
 * 实名认证 — a company by its 统一社会信用代码 and name: recorded as verified by the GB 32100 check
 * digit only (no registry of market entities is consulted yet); a natural person by name and
 * 公民身份号码: the check digit, then a yes/no verification call to the population data through the
 * node's exchange (`openData.realName` in node.yaml). Without that configured the answer is 503,
 * never a pretended success. Only the result, the name and a masked number are kept.
 */
@Injectable()
export class RealNameService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: OpenAccountRepository,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async verify(account: OpenAccount, request: RealNameRequest): Promise<RealName> {
    if (account.realName) {
      throw GovdataError.conflict('实名认证已完成 (real-name verification is already recorded)', [
        { path: 'kind', rule: PeopleRule.RealNameDone, message: '已实名认证 (already verified)' },
      ]);
    }
    const recorded =
      request.kind === 'company' ? this.company(request) : await this.person(request.name, request.idNumber);
    if (!(await this.accounts.recordRealName(this.dataSource.manager, account.id, recorded))) {
      throw GovdataError.conflict('实名认证已完成 (real-name verification is already recorded)');
    }
    this.logger.info({ account: account.id, kind: recorded.kind, method: recorded.method }, 'open portal real name');
    return (await this.accounts.findById(this.dataSource.manager, account.id))!.realName!;
  }

  private company(request: { name: string; creditCode: string }): Omit<RealName, 'verifiedAt'> {
    const code = request.creditCode.trim().toUpperCase();
    const check = checkUscc(code);
    if (!check.checkDigitValid) {
      throw badField(
        'creditCode',
        PeopleRule.CreditCode,
        check.problem === 'check-digit'
          ? '统一社会信用代码校验位不正确 (the GB 32100 check digit does not match)'
          : '统一社会信用代码应为 18 位（数字与大写字母，不含 I、O、Z、S、V） (18 characters of the GB 32100 charset)',
      );
    }
    return { kind: 'company', name: request.name.trim(), idMasked: code, method: 'uscc-check-digit' };
  }

  private async person(name: string, rawIdNumber: string): Promise<Omit<RealName, 'verifiedAt'>> {
    const idNumber = rawIdNumber.trim().toUpperCase();
    if (!isValidIdNumber(idNumber)) {
      throw badField(
        'idNumber',
        PeopleRule.IdNumber,
        '公民身份号码不正确（18 位，出生日期与校验位须正确） (not a GB 11643 number: 18 characters, a real birth date, a matching check digit)',
      );
    }
    const exchange = this.config.openData?.realName;
    if (!exchange) {
      throw new GovdataError(
        ErrorCode.Unavailable,
        '本节点尚未配置人口信息核验接口，暂不能进行个人实名认证；企业可使用统一社会信用代码认证 (the population verification call through the exchange is not configured on this node: openData.realName)',
      );
    }
    const confirmed = await this.confirmThroughExchange(exchange, name.trim(), idNumber);
    if (!confirmed) {
      throw badField(
        'idNumber',
        PeopleRule.NotConfirmed,
        '姓名与公民身份号码核验不一致 (name and number not confirmed)',
      );
    }
    return { kind: 'person', name: name.trim(), idMasked: maskIdNumber(idNumber), method: 'population-exchange' };
  }

  /**
   * One call through the node's exchange as the node authority's service account, on the grant
   * the node names; the answer is yes or no, nothing else is read of it.
   */
  private async confirmThroughExchange(
    exchange: NonNullable<NonNullable<NodeConfig['openData']>['realName']>,
    name: string,
    idNumber: string,
  ): Promise<boolean> {
    const gateway = (
      exchange.gatewayUrl ??
      `http://${this.config.services.gateway.host ?? '127.0.0.1'}:${this.config.services.gateway.http}`
    ).replace(/\/$/, '');
    try {
      const token = await fetch(`${gateway}/api/v1/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          grant_type: 'client_credentials',
          client_id: exchange.clientId,
          client_secret: exchange.clientSecret,
        }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!token.ok) throw new Error(`token ${token.status}`);
      const { access_token: accessToken } = (await token.json()) as { access_token: string };
      const call = await fetch(
        `${gateway}/api/v1/exchange/calls/${encodeURIComponent(exchange.grantId)}${exchange.operationPath}`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({ name, idNumber }),
          signal: AbortSignal.timeout(10_000),
        },
      );
      if (!call.ok) throw new Error(`call ${call.status}`);
      const answer = (await call.json()) as { match?: unknown; result?: { match?: unknown } };
      return answer.match === true || answer.result?.match === true;
    } catch (error) {
      this.logger.warn({ err: error }, 'population verification through the exchange failed');
      throw GovdataError.unavailable(
        '人口信息核验接口暂不可用，请稍后再试 (the population verification call failed)',
        60,
      );
    }
  }
}
