import { LocalBroker, LocalMessageBus } from '@ordo/bus-local';
import { messageBusContract } from '@ordo/testing';

const broker = new LocalBroker();
messageBusContract('LocalMessageBus', async () => new LocalMessageBus({ broker, retryBackoffMs: 20 }));
