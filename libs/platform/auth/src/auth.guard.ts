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
import type { Principal, Role } from './principal.js';
import { TokenVerifier } from './token-verifier.js';

const IS_PUBLIC_KEY = 'govdata:public';
const ROLES_KEY = 'govdata:roles';

/** Marks a route as reachable without a token. */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);

/** The caller needs at least one of these roles. */
export const RequireRoles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Injects the verified principal into a handler parameter. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<Request & { principal: Principal }>().principal;
});

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');

/** Every HTTP route needs a valid bearer token unless marked public; role checks happen here too. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw GovdataError.unauthenticated('the Authorization header must carry "Bearer <access token>"');
    const principal = await this.verifier.verify(match[1]!);
    request.principal = principal;
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (required && !required.some((role) => principal.roles.includes(role))) {
      throw GovdataError.forbidden(`this action needs one of the roles: ${required.join(', ')}`);
    }
    return true;
  }
}
