import { Metadata } from '@grpc/grpc-js';
import { Inject, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Transport } from '@nestjs/microservices';
import { TRANSPORT_METADATA } from '@nestjs/microservices/constants';
import { GovdataError } from '@govdata/platform-errors';
import { nodeRoles } from './policy.js';
import type { Principal, Role } from './principal.js';
import { SERVICE_TOKEN_METADATA, type ServiceCaller, type ServiceTokens } from './service-token.js';
import type { TokenVerifier } from './token-verifier.js';
import { TOKEN_VERIFIER } from './auth.guard.js';

export const SERVICE_TOKENS = Symbol('SERVICE_TOKENS');
const ALLOWED_CALLERS_KEY = 'govdata:grpc-callers';

/** Who may call a gRPC method. A method that declares nobody can be called by nobody. */
export interface AllowedCallers {
  /** Services of this node, by name (proven by a service token), or `'any'` service of this node. */
  services?: readonly string[] | 'any';
  /** End users (a Bearer access token in `authorization`) holding one of these roles, or `'any'` user. */
  users?: readonly Role[] | 'any';
  /** Users must belong to this node (their token's `node` is this node's code). */
  usersOfThisNode?: boolean;
  /** The roles count only held node-wide on this node (in an authority organisation, see policy.ts). */
  nodeWideRoles?: boolean;
}

/** Declares the callers of a gRPC method (or of every method of a controller). */
export const AllowedCallers = (callers: AllowedCallers) => SetMetadata(ALLOWED_CALLERS_KEY, callers);

/** The verified caller of a gRPC call: the calling service, the end user, or both (a service acting for a user). */
export interface GrpcCaller {
  service?: ServiceCaller;
  user?: Principal;
}

const callers = new WeakMap<Metadata, GrpcCaller>();

/** The caller the guard verified for this call (its metadata is the handler's second argument). */
export function grpcCallerOf(metadata: Metadata | undefined): GrpcCaller {
  const caller = metadata ? callers.get(metadata) : undefined;
  if (!caller) throw GovdataError.unauthenticated('该调用没有经验证的调用方 (the call carries no verified caller)');
  return caller;
}

/**
 * Every gRPC method checks its caller: a service token of an allowed service of this node
 * (`govdata-service-token` metadata) and/or an allowed end user's access token (`authorization:
 * Bearer …`). No credential → UNAUTHENTICATED; a credential that is not allowed → PERMISSION_DENIED.
 * HTTP routes are the AuthGuard's; event handlers are not gRPC and pass.
 */
@Injectable()
export class GrpcAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    @Inject(SERVICE_TOKENS) private readonly serviceTokens: ServiceTokens,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'rpc') return true;
    const handler = context.getHandler();
    const metadata: unknown = context.getArgByIndex(1);
    const isGrpc = Reflect.getMetadata(TRANSPORT_METADATA, handler) === Transport.GRPC || metadata instanceof Metadata;
    if (!isGrpc) return true;
    if (!(metadata instanceof Metadata))
      throw GovdataError.unauthenticated('该调用未携带元数据 (the call carries no metadata)');
    const allowed = this.reflector.getAllAndOverride<AllowedCallers | undefined>(ALLOWED_CALLERS_KEY, [
      handler,
      context.getClass(),
    ]);
    if (!allowed)
      throw GovdataError.forbidden(
        '该 gRPC 方法未声明调用方，任何人都不能调用 (this gRPC method declares no callers, so nobody may call it)',
      );

    const serviceToken = firstString(metadata, SERVICE_TOKEN_METADATA);
    const bearer = /^Bearer\s+(\S+)$/i.exec(firstString(metadata, 'authorization') ?? '')?.[1];
    if (!serviceToken && !bearer) {
      throw GovdataError.unauthenticated(
        `调用须携带服务令牌（${SERVICE_TOKEN_METADATA}）或在 authorization 中携带 "Bearer <access token>" (the call must carry a service token (${SERVICE_TOKEN_METADATA}) or "Bearer <access token>" in authorization)`,
      );
    }
    const caller: GrpcCaller = {};
    if (serviceToken) caller.service = await this.serviceTokens.verify(serviceToken);
    if (bearer) caller.user = await this.verifier.verify(bearer);

    const problems: string[] = [];
    if (caller.service) {
      const problem = this.serviceProblem(allowed, caller.service);
      if (!problem) return remember(metadata, caller);
      problems.push(problem);
    }
    if (caller.user) {
      const problem = this.userProblem(allowed, caller.user);
      if (!problem) return remember(metadata, caller);
      problems.push(problem);
    }
    throw GovdataError.forbidden(problems.join('; '));
  }

  private serviceProblem(allowed: AllowedCallers, caller: ServiceCaller): string | undefined {
    const services = allowed.services ?? [];
    if (services === 'any' || services.includes(caller.service)) return undefined;
    return services.length === 0
      ? `服务 ${caller.service} 不能调用此方法：该方法只接受终端用户调用 (service ${caller.service} may not call this method: it takes end users only)`
      : `服务 ${caller.service} 不能调用此方法（允许的服务：${services.join(', ')}） (service ${caller.service} may not call this method (allowed: ${services.join(', ')}))`;
  }

  private userProblem(allowed: AllowedCallers, user: Principal): string | undefined {
    const roles = allowed.users;
    if (!roles || roles.length === 0)
      return '此方法只接受本节点服务的调用 (this method takes calls from services of the node only)';
    const thisNode = this.serviceTokens.nodeCode;
    if ((allowed.usersOfThisNode || allowed.nodeWideRoles) && user.nodeCode !== thisNode) {
      return `此方法只接受节点 ${thisNode} 的用户调用 (this method takes users of node ${thisNode} only)`;
    }
    const held = allowed.nodeWideRoles ? nodeRoles(user, thisNode) : user.roles;
    if (roles !== 'any' && !roles.some((role) => held.includes(role))) {
      return `此操作需要以下角色之一：${roles.join(', ')} (this action needs one of the roles${allowed.nodeWideRoles ? ' (node-wide)' : ''}: ${roles.join(', ')})`;
    }
    return undefined;
  }
}

function remember(metadata: Metadata, caller: GrpcCaller): true {
  callers.set(metadata, caller);
  return true;
}

function firstString(metadata: Metadata, key: string): string | undefined {
  const value = metadata.get(key)[0];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
