import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { NodeConfig } from '@govdata/platform-config';
import type { GovdataRedis } from '@govdata/platform-redis';
import { NODE_CONFIG, REDIS } from '@govdata/platform-service';
import { z } from 'zod';

/** 门户会话 — what the gateway keeps of a signed-in browser. Times in milliseconds since the epoch. */
export interface BrowserSession {
  /** The account (`sub` of its tokens). */
  subject: string;
  /** The access token the gateway adds to the browser's API requests. */
  token: string;
  tokenExpiresAt: number;
  createdAt: number;
  lastSeenAt: number;
}

const storedSession = z
  .object({
    subject: z.string().min(1),
    token: z.string().min(1),
    tokenExpiresAt: z.number().int(),
    createdAt: z.number().int(),
    lastSeenAt: z.number().int(),
  })
  .strict();

/** The stored JSON as a session; undefined for anything else (a value from another version), which ends it. */
export function toBrowserSession(stored: string): BrowserSession | undefined {
  try {
    const parsed = storedSession.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

// KEYS: the subject's index. ARGV: the session key prefix. Deletes every session in the index, and it.
const END_ALL_OF_SUBJECT = `
local ids = redis.call('SMEMBERS', KEYS[1])
for _, id in ipairs(ids) do redis.call('DEL', ARGV[1] .. id) end
redis.call('DEL', KEYS[1])
return #ids
`;

/**
 * Owns the browser sessions in Redis, shared by every gateway replica:
 * - `gateway:browser-session:<sha256 of the id>` — the session as JSON, expiring when it would end
 *   (idle timeout or lifetime, whichever comes first); keyed by a hash so that the store's contents
 *   cannot be replayed as cookies;
 * - `gateway:browser-sessions-of:<subject>` — the hashed ids of a subject's sessions, so that cutting
 *   the subject off (password change, deactivation …) ends them all.
 */
@Injectable()
export class BrowserSessionStore {
  private readonly prefix: string;
  private readonly maxMs: number;

  constructor(
    @Inject(NODE_CONFIG) config: NodeConfig,
    @Inject(REDIS) private readonly redis: GovdataRedis,
  ) {
    this.prefix = `${config.redis.keyPrefix}gateway:`;
    this.maxMs = config.identity.sessionMaxSeconds * 1000;
  }

  async create(id: string, session: BrowserSession, ttlMs: number): Promise<void> {
    const hashed = hash(id);
    const index = this.indexKey(session.subject);
    await this.redis
      .multi()
      .set(this.sessionKey(hashed), JSON.stringify(session), { PX: ttlMs })
      .sAdd(index, hashed)
      .pExpire(index, this.maxMs)
      .exec();
  }

  async find(id: string): Promise<BrowserSession | undefined> {
    const stored = await this.redis.get(this.sessionKey(hash(id)));
    return stored === null ? undefined : toBrowserSession(stored);
  }

  /** Writes the session back only while it still exists: one ended meanwhile stays ended. */
  async update(id: string, session: BrowserSession, ttlMs: number): Promise<boolean> {
    const done = await this.redis.set(this.sessionKey(hash(id)), JSON.stringify(session), { PX: ttlMs, XX: true });
    return done !== null;
  }

  async delete(id: string, subject: string): Promise<void> {
    const hashed = hash(id);
    await this.redis.multi().del(this.sessionKey(hashed)).sRem(this.indexKey(subject), hashed).exec();
  }

  /** Ends every session of the subject; how many there were. */
  async deleteAllOf(subject: string): Promise<number> {
    const ended = await this.redis.eval(END_ALL_OF_SUBJECT, {
      keys: [this.indexKey(subject)],
      arguments: [`${this.prefix}browser-session:`],
    });
    return Number(ended);
  }

  private sessionKey(hashed: string): string {
    return `${this.prefix}browser-session:${hashed}`;
  }

  private indexKey(subject: string): string {
    return `${this.prefix}browser-sessions-of:${subject}`;
  }
}

function hash(id: string): string {
  return createHash('sha256').update(id).digest('base64url');
}
