import { KafkaMessageBus, parseBrokers } from '@ordo/bus-kafka';
import { messageBusContract } from '@ordo/testing';

const brokers = process.env.ORDO_KAFKA_BROKERS;
if (!brokers) throw new Error('ORDO_KAFKA_BROKERS is not set: run through `npm run test:int` (which starts a broker) or `npm run kafka -- start`.');

messageBusContract('KafkaMessageBus', async () => new KafkaMessageBus({ brokers: parseBrokers(brokers), retryBackoffMs: 50 }));
