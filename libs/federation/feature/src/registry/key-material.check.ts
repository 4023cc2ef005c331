import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { resolve } from 'node:path';
import { NodePkiStore, pkiDir } from '@govdata/federation-pki';
import type { NodeConfig } from '@govdata/platform-config';
import { NODE_CONFIG } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import { RegistryRepository } from './registry.repository.js';

/**
 * Refuses to start a node whose registry lists enrolled children while its data directory holds no
 * node key and certificate to sign for them: the database was made with another `node.dataDir`
 * (another clone, a wiped or unmounted volume). Running on would report ready with every child
 * link refused and every re-enrolment answered 409 — the operator must choose instead.
 */
@Injectable()
export class KeyMaterialCheck implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: RegistryRepository,
    private readonly pki: NodePkiStore,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const children = (await this.registry.children(this.dataSource.manager)).filter((c) => c.status === 'active');
    if (children.length === 0) return;
    const hasKey = await this.pki.loadCertificateAuthority().then(
      () => true,
      () => false,
    );
    if (hasKey) return;
    throw new KeyMaterialMismatchError(
      this.config,
      children.map((c) => c.code),
    );
  }
}

export class KeyMaterialMismatchError extends Error {
  constructor(config: NodeConfig, children: string[]) {
    const dir = resolve(pkiDir(config.node.dataDir));
    super(
      `node ${config.node.code}: its registry (database ${config.postgres.database}) lists enrolled children ` +
        `${children.join(', ')}, but ${dir} holds no node key and certificate: the database was made with ` +
        'another data directory. Either restore that data directory (node.dataDir: its pki/ and keys/ folders), ' +
        'or give the node a new database (postgres.database) and enrol its children again. ' +
        `节点 ${config.node.code} 的密钥与其注册库不匹配：请恢复原数据目录，或使用新的数据库并重新接入下级节点。`,
    );
    this.name = 'KeyMaterialMismatchError';
  }
}
