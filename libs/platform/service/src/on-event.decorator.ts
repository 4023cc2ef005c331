import { EventPattern } from '@nestjs/microservices';
import type { EventType } from '@govdata/contracts';
import { KAFKA_EVENTS_TRANSPORT } from '@govdata/platform-messaging';

/**
 * Marks a method as the handler of a domain event family. It receives the validated payload and an
 * `EventContext` (`@Payload()`, `@Ctx()`); writes made through `context.manager` commit together
 * with the inbox record, so a redelivered event changes nothing.
 */
export const OnEvent = (type: EventType): MethodDecorator => EventPattern<string>(type, KAFKA_EVENTS_TRANSPORT);
