import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { NodeConfig } from '@govdata/platform-config';
import { NODE_CONFIG } from '@govdata/platform-service';
import type { Express, Request } from 'express';

/**
 * Believes X-Forwarded-For only from the proxies in `identity.trustedProxies` (Express `trust proxy`);
 * otherwise `request.ip` is the socket's peer, whatever headers a client sends.
 */
@Injectable()
export class TrustedProxies implements OnModuleInit {
  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    const proxies = this.config.identity.trustedProxies;
    const express = this.adapterHost.httpAdapter?.getInstance<Express>();
    express?.set('trust proxy', proxies.length > 0 ? proxies : false);
  }
}

/** The client's address as far as this gateway can tell (see {@link TrustedProxies}). */
export function clientAddress(request: Request): string {
  return request.ip ?? request.socket.remoteAddress ?? 'unknown';
}
