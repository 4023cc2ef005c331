import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { CATALOG_MOUNTS_V1, type catalogMountsV1 } from '@govdata/contracts';
import { SERVICE_TOKENS, type ServiceTokens } from '@govdata/platform-auth';
import { grpcTarget, type NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { createGrpcClient, fromGrpcError } from '@govdata/platform-grpc';
import { NODE_CONFIG } from '@govdata/platform-service';

/** The catalog's answer about one entry's mounted tables. */
export type CatalogTableMount = catalogMountsV1.TableMount;

/** Asks the node's catalog where the tables mounted on an entry are (`CatalogMountsService`). */
@Injectable()
export class CatalogMountsClient implements OnModuleDestroy {
  private client: ReturnType<typeof createGrpcClient> | undefined;

  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(SERVICE_TOKENS) private readonly serviceTokens: ServiceTokens,
  ) {}

  onModuleDestroy(): void {
    this.client?.close();
  }

  async tableMounts(entryId: string): Promise<CatalogTableMount[]> {
    this.client ??= createGrpcClient(CATALOG_MOUNTS_V1, grpcTarget(this.config, 'catalog'), {
      deadlineMs: 10_000,
      credentials: this.serviceTokens.credentialsFor('catalog'),
    });
    try {
      const response = await this.client.call<catalogMountsV1.ListTableMountsResponse>('ListTableMounts', { entryId });
      return response.mounts;
    } catch (error) {
      const problem = fromGrpcError(error as { code?: number; details?: string });
      if (problem.httpStatus === 404 || problem.httpStatus === 422) throw problem;
      throw GovdataError.unavailable(
        '本节点的目录服务暂时无法访问 (the catalog service of this node cannot be reached)',
        10,
      );
    }
  }
}
