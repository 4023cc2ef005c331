import { NODE_LEVELS, nodeCodeProblem } from '@govdata/codes';
import { z } from 'zod';

/** The services every node runs. The order is the start order. */
export const SERVICE_NAMES = [
  'gateway',
  'catalog',
  'demand',
  'exchange',
  'governance',
  'open-data',
  'analytics',
  'federation',
] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

const port = z.number().int().min(1).max(65535).describe('a TCP port number between 1 and 65535');
const url = (protocols: string[]) => {
  const expected = `a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`;
  return z
    .string()
    .refine(
      (v) => {
        try {
          return protocols.includes(new URL(v).protocol);
        } catch {
          return false;
        }
      },
      { message: expected },
    )
    .describe(expected);
};

const servicePorts = z
  .object({
    http: port,
    grpc: port,
    /** Host other services use to reach this one; defaults to `serviceHost` (all-in-one or one pod). */
    host: z.string().min(1).optional().describe('a host name or address'),
  })
  .strict();

export const nodeConfigSchema = z
  .object({
    node: z
      .object({
        code: z.string().describe('the node code'),
        name: z.string().min(1).describe('the node name (e.g. 江西省政務數據共享平臺)'),
        level: z.enum(NODE_LEVELS).describe(`one of ${NODE_LEVELS.join(', ')}`),
        parent: z
          .object({
            code: z.string().min(6).describe("the parent node's code"),
            gateway: url(['http:', 'https:']).describe("the parent gateway's URL"),
            federation: z.string().min(3).describe("the parent federation service's host:port"),
          })
          .strict()
          .nullable()
          .default(null),
        /** Folder for the node's keys and local state. */
        dataDir: z.string().min(1).describe('a folder path for node keys and state'),
      })
      .strict()
      .superRefine((node, ctx) => {
        const problem = nodeCodeProblem(node.code, node.level);
        if (problem) ctx.addIssue({ code: 'custom', path: ['code'], message: problem });
        if (node.level !== 'national' && node.parent === null) {
          ctx.addIssue({ code: 'custom', path: ['parent'], message: `a ${node.level} node names its parent` });
        }
        if (node.level === 'national' && node.parent !== null) {
          ctx.addIssue({ code: 'custom', path: ['parent'], message: 'the national node has no parent (null)' });
        }
      }),
    postgres: z
      .object({
        /** Administrative connection used by `govdata migrate` to create the database, schemas and roles. */
        adminUrl: url(['postgres:', 'postgresql:']),
        /** The node's database (one per node). */
        database: z
          .string()
          .regex(/^[a-z_][a-z0-9_]{0,62}$/)
          .describe('a lower-case PostgreSQL identifier'),
        host: z.string().min(1).default('127.0.0.1'),
        port: port.default(5432),
        /** Password given to each service's own role. Empty means trust/peer authentication. */
        servicePassword: z.string().default('').meta({ sensitive: true }),
        poolSize: z.number().int().min(1).max(100).default(5).describe('an integer between 1 and 100'),
      })
      .strict(),
    redis: z
      .object({
        url: url(['redis:', 'rediss:']),
        keyPrefix: z.string().min(1).describe('a non-empty key prefix, e.g. "n360000:"'),
      })
      .strict(),
    kafka: z
      .object({
        brokers: z
          .array(z.string().regex(/^[^:\s]+:\d+$/))
          .min(1)
          .describe('a list of host:port broker addresses'),
        topicPrefix: z
          .string()
          .regex(/^[a-zA-Z0-9._-]*$/)
          .describe('letters, digits, ".", "_" or "-"'),
        clientId: z.string().min(1).default('govdata'),
      })
      .strict(),
    identity: z
      .object({
        /** `iss` of tokens this node issues: the gateway's public URL. */
        issuer: url(['http:', 'https:']),
        accessTokenTtlSeconds: z
          .number()
          .int()
          .min(60)
          .max(86_400)
          .default(900)
          .describe('seconds between 60 and 86400'),
        /** Extra issuers trusted by this node's services (e.g. an external OIDC provider). */
        trustedIssuers: z
          .array(z.object({ issuer: url(['http:', 'https:']), jwksUri: url(['http:', 'https:']) }).strict())
          .default([]),
        loginMaxFailures: z.number().int().min(1).max(100).default(5),
        loginLockSeconds: z.number().int().min(1).max(86_400).default(300),
      })
      .strict(),
    services: z
      .object({
        ...(Object.fromEntries(SERVICE_NAMES.map((s) => [s, servicePorts])) as Record<
          Exclude<ServiceName, 'federation'>,
          typeof servicePorts
        >),
        federation: servicePorts
          .extend({
            /**
             * The mTLS port children's links dial (`parent.federation` of a child points here). Without
             * it the node accepts no child links; its own link to its parent works regardless.
             */
            link: port.optional(),
          })
          .strict(),
      })
      .strict(),
    /** How the federation links watch themselves (反熵校驗 schedule, silence alerts). */
    federation: z
      .object({
        antiEntropySeconds: z
          .number()
          .int()
          .min(1)
          .max(86_400)
          .default(600)
          .describe('seconds between anti-entropy comparisons with the parent (1–86400)'),
        silenceAlertSeconds: z
          .number()
          .int()
          .min(15)
          .max(604_800)
          .default(300)
          .describe('seconds a child may stay silent before an alert is raised (15–604800)'),
      })
      .strict()
      .default({ antiEntropySeconds: 600, silenceAlertSeconds: 300 }),
    /** Address other services of this node use to reach a service (host part of gRPC targets). */
    serviceHost: z.string().min(1).default('127.0.0.1'),
    log: z
      .object({
        level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
      })
      .strict()
      .default({ level: 'info' }),
  })
  .strict();

export type NodeConfig = z.infer<typeof nodeConfigSchema>;

/** host:port of a service's gRPC server, as the node's other services reach it. */
export function grpcTarget(config: NodeConfig, service: ServiceName): string {
  const ports = config.services[service];
  return `${ports.host ?? config.serviceHost}:${ports.grpc}`;
}
export type NodeConfigInput = z.input<typeof nodeConfigSchema>;
