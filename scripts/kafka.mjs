#!/usr/bin/env node
// A real single-node Apache Kafka broker (KRaft, combined broker+controller) for development and tests,
// run from Maven Central jars (see docs/kafka.md).
//   node scripts/kafka.mjs start|stop|status|fetch      (npm run kafka -- start)
// Environment: ORDO_KAFKA_VERSION (3.9.1), ORDO_KAFKA_PORT (19092), ORDO_KAFKA_CONTROLLER_PORT (19093),
// ORDO_KAFKA_CACHE (~/.cache/ordo/kafka: jars), ORDO_KAFKA_RUN_DIR (~/.cache/ordo/kafka-run: data, logs, pid).
// Where Java or Maven is missing but Docker is present, docker-compose.yml's `kafka` service is used instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, openSync, closeSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isPortFree, waitFor, hasCommand, processAlive, kafkaSmokeTest, kafkaMetadataCheck } from './service-util.mjs';

const root = resolve(fileURLToPath(import.meta.url), '..', '..');
const VERSION = process.env.ORDO_KAFKA_VERSION ?? '3.9.1';
const CACHE = process.env.ORDO_KAFKA_CACHE ?? join(homedir(), '.cache', 'ordo', 'kafka');
const DEFAULT_RUN_DIR = process.env.ORDO_KAFKA_RUN_DIR ?? join(homedir(), '.cache', 'ordo', 'kafka-run');
const DEFAULT_PORT = Number(process.env.ORDO_KAFKA_PORT ?? 19092);
const DEFAULT_CONTROLLER_PORT = Number(process.env.ORDO_KAFKA_CONTROLLER_PORT ?? 19093);
const CLUSTER_ID = '5L6g3nShT-eMCtK--X86sw';
const READY_TIMEOUT_MS = 120_000;
const libsDir = () => join(CACHE, `libs-${VERSION}`);
const log = (msg) => process.stderr.write(`[kafka] ${msg}\n`);

/** The pom that gathers the broker's runtime closure plus the logging backend the release tarball adds. */
function pomXml() {
  const major = Number(VERSION.split('.')[0]);
  const dep = (g, a, v) => `<dependency><groupId>${g}</groupId><artifactId>${a}</artifactId><version>${v}</version></dependency>`;
  const logging = major >= 4
    ? ['log4j-slf4j-impl', 'log4j-api', 'log4j-core'].map((a) => dep('org.apache.logging.log4j', a, '2.24.3'))
    : [dep('org.slf4j', 'slf4j-reload4j', '1.7.36'), dep('ch.qos.reload4j', 'reload4j', '1.2.25')];
  return `<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>local.ordo</groupId><artifactId>kafka-broker-libs</artifactId><version>1</version><packaging>pom</packaging>
<dependencies>
${dep('org.apache.kafka', 'kafka_2.13', VERSION)}
${dep('org.slf4j', 'slf4j-api', '1.7.36')}
${logging.join('\n')}
</dependencies>
<build><plugins><plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-dependency-plugin</artifactId><version>3.8.1</version></plugin></plugins></build>
</project>
`;
}

/** Downloads the broker jars with Maven into the cache (once); returns the folder. */
export function fetchKafkaJars() {
  const libs = libsDir();
  if (existsSync(join(libs, '.complete'))) return libs;
  if (!hasCommand('mvn')) throw new Error('Maven (mvn) is needed to fetch the Kafka jars: install it (Debian: apt-get install maven openjdk-17-jre-headless)');
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(join(CACHE, 'pom.xml'), pomXml());
  rmSync(libs, { recursive: true, force: true });
  log(`fetching Kafka ${VERSION} jars from Maven Central into ${libs}`);
  const res = spawnSync('mvn', ['-B', '-ntp', '-q', '-f', join(CACHE, 'pom.xml'), 'dependency:copy-dependencies',
    '-DincludeScope=runtime', '-Dmdep.prependGroupId=true', `-DoutputDirectory=${libs}`], { stdio: 'inherit' });
  if (res.status !== 0) throw new Error(`mvn dependency:copy-dependencies failed (exit ${res.status}) for Kafka ${VERSION}`);
  checkJars(readdirSync(libs));
  writeFileSync(join(libs, '.complete'), new Date().toISOString());
  return libs;
}

function checkJars(jars) {
  const problems = [];
  if (!jars.some((j) => j.includes('kafka_2.13-'))) problems.push('no kafka_2.13 jar');
  if (jars.filter((j) => /slf4j-api-1\.7\.36/.test(j)).length !== 1) problems.push('not exactly one slf4j-api-1.7.36 jar');
  if (jars.some((j) => j.includes('logback'))) problems.push('an unexpected logback jar');
  if (problems.length > 0) throw new Error(`the fetched Kafka jars in ${libsDir()} are wrong: ${problems.join(', ')}`);
}

function writeConfigs(runDir, port, controllerPort) {
  mkdirSync(join(runDir, 'data'), { recursive: true });
  mkdirSync(join(runDir, 'logs'), { recursive: true });
  const props = [
    'process.roles=broker,controller', 'node.id=1', `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`, 'inter.broker.listener.name=PLAINTEXT',
    'controller.listener.names=CONTROLLER', 'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${join(runDir, 'data')}`, 'num.partitions=1', 'default.replication.factor=1', 'min.insync.replicas=1',
    'offsets.topic.replication.factor=1', 'offsets.topic.num.partitions=1', 'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1', 'transaction.state.log.num.partitions=1', 'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=true', 'delete.topic.enable=true', 'num.network.threads=2', 'num.io.threads=4',
  ];
  writeFileSync(join(runDir, 'server.properties'), props.join('\n') + '\n');
  const log4j = (toStderr, started) => ['log4j.rootLogger=WARN, out', 'log4j.appender.out=org.apache.log4j.ConsoleAppender',
    ...(toStderr ? ['log4j.appender.out.Target=System.err'] : []), 'log4j.appender.out.layout=org.apache.log4j.PatternLayout',
    'log4j.appender.out.layout.ConversionPattern=[%d] %p %m (%c)%n',
    ...(started ? ['log4j.logger.kafka.server.KafkaRaftServer=INFO'] : [])].join('\n') + '\n';
  const log4j2 = (toStderr, started) => ['status = warn', 'appender.out.type = Console', 'appender.out.name = OUT',
    ...(toStderr ? ['appender.out.target = SYSTEM_ERR'] : []), 'appender.out.layout.type = PatternLayout',
    'appender.out.layout.pattern = [%d] %p %m (%c)%n', 'rootLogger.level = warn', 'rootLogger.appenderRef.out.ref = OUT',
    ...(started ? ['logger.started.name = kafka.server.KafkaRaftServer', 'logger.started.level = info'] : [])].join('\n') + '\n';
  if (Number(VERSION.split('.')[0]) >= 4) {
    writeFileSync(join(runDir, 'server.properties'), 'share.coordinator.state.topic.replication.factor=1\nshare.coordinator.state.topic.min.isr=1\n', { flag: 'a' });
    writeFileSync(join(runDir, 'log4j2-broker.properties'), log4j2(false, true));
    writeFileSync(join(runDir, 'log4j2-tools.properties'), log4j2(true, false));
    return { broker: `-Dlog4j2.configurationFile=${join(runDir, 'log4j2-broker.properties')}`, tools: `-Dlog4j2.configurationFile=${join(runDir, 'log4j2-tools.properties')}` };
  }
  writeFileSync(join(runDir, 'log4j-broker.properties'), log4j(false, true));
  writeFileSync(join(runDir, 'log4j-tools.properties'), log4j(true, false));
  return { broker: `-Dlog4j.configuration=file:${join(runDir, 'log4j-broker.properties')}`, tools: `-Dlog4j.configuration=file:${join(runDir, 'log4j-tools.properties')}` };
}

const JVM_PERF = ['-server', '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20', '-XX:InitiatingHeapOccupancyPercent=35',
  '-XX:+ExplicitGCInvokesConcurrent', '-XX:MaxInlineLevel=15', '-Djava.awt.headless=true'];

function readPid(runDir) {
  try { return Number(readFileSync(join(runDir, 'broker.pid'), 'utf8').trim()) || undefined; } catch { return undefined; }
}

/**
 * Starts a broker from the Maven jars in `runDir` (wiped first) on 127.0.0.1:`port` and resolves once it
 * really serves produce and consume. Returns `{ brokers, pid, runDir }`.
 */
export async function startJvmBroker({ port = DEFAULT_PORT, controllerPort = DEFAULT_CONTROLLER_PORT, runDir = DEFAULT_RUN_DIR } = {}) {
  if (!hasCommand('java')) throw new Error('Java is needed to run the Kafka broker: install a JRE 17 (Debian: apt-get install openjdk-17-jre-headless)');
  const libs = fetchKafkaJars();
  await stopJvmBroker(runDir);
  for (const p of [port, controllerPort]) {
    if (!(await isPortFree(p))) throw new Error(`port ${p} on 127.0.0.1 is taken by another process; stop it or set ORDO_KAFKA_PORT / ORDO_KAFKA_CONTROLLER_PORT`);
  }
  rmSync(runDir, { recursive: true, force: true });
  const logOpts = writeConfigs(runDir, port, controllerPort);
  const props = join(runDir, 'server.properties');
  const fmt = spawnSync('java', ['-Xmx256m', '-XX:TieredStopAtLevel=1', logOpts.tools, '-cp', `${libs}/*`, 'kafka.tools.StorageTool',
    'format', '--cluster-id', CLUSTER_ID, '--config', props, '--ignore-formatted'], { encoding: 'utf8' });
  if (fmt.status !== 0) throw new Error(`kafka-storage format failed (exit ${fmt.status}): ${fmt.stderr.trim().slice(-800)}`);
  const outPath = join(runDir, 'logs', 'broker.out');
  const out = openSync(outPath, 'a');
  const child = spawn('java', ['-Xms256m', '-Xmx768m', ...JVM_PERF, `-Dkafka.logs.dir=${join(runDir, 'logs')}`, logOpts.broker,
    '-cp', `${libs}/*`, 'kafka.Kafka', props], { detached: true, stdio: ['ignore', out, out] });
  closeSync(out);
  child.unref();
  writeFileSync(join(runDir, 'broker.pid'), String(child.pid));
  const brokers = `127.0.0.1:${port}`;
  try {
    await waitFor(() => {
      if (!processAlive(child.pid)) throw new Error('the broker process exited during start-up');
      return readFileSync(outPath, 'utf8').includes('Kafka Server started');
    }, READY_TIMEOUT_MS, `Kafka to log "Kafka Server started" in ${outPath}`);
    await kafkaSmokeTest(brokers, 60_000);
  } catch (e) {
    const tail = existsSync(outPath) ? readFileSync(outPath, 'utf8').split('\n').slice(-40).join('\n') : '';
    await stopJvmBroker(runDir);
    throw new Error(`Kafka did not start on ${brokers}: ${e.message}\n${tail}`);
  }
  return { brokers, pid: child.pid, runDir };
}

/** Stops the broker whose pid file is in `runDir` (SIGTERM, then SIGKILL after 30 s); no-op when none runs. */
export async function stopJvmBroker(runDir = DEFAULT_RUN_DIR) {
  const pid = readPid(runDir);
  if (pid === undefined) return false;
  if (processAlive(pid)) {
    try { process.kill(pid, 'SIGTERM'); } catch { /* already gone */ }
    try { await waitFor(() => !processAlive(pid), 30_000, `broker pid ${pid} to exit`); } catch { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
  }
  rmSync(join(runDir, 'broker.pid'), { force: true });
  return true;
}

/** Whether a broker started by this script runs in `runDir`, and whether it answers metadata requests. */
export async function jvmBrokerStatus(runDir = DEFAULT_RUN_DIR, port = DEFAULT_PORT) {
  const pid = readPid(runDir);
  const alive = pid !== undefined && processAlive(pid);
  const brokers = `127.0.0.1:${port}`;
  const answering = await kafkaMetadataCheck(brokers, 5_000).then(() => true, () => false);
  return { running: alive && answering, pid: alive ? pid : undefined, brokers, answering };
}

function composeCommand() {
  if (spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' }).status === 0) return ['docker', 'compose'];
  if (hasCommand('docker-compose')) return ['docker-compose'];
  return undefined;
}

function dockerUsable() {
  const file = join(root, 'docker-compose.yml');
  return hasCommand('docker') && existsSync(file) && /^\s{2}kafka:\s*$/m.test(readFileSync(file, 'utf8')) && composeCommand() !== undefined;
}

async function dockerStart() {
  const [cmd, ...pre] = composeCommand();
  const res = spawnSync(cmd, [...pre, '-f', join(root, 'docker-compose.yml'), 'up', '-d', 'kafka'], { stdio: 'inherit' });
  if (res.status !== 0) throw new Error(`${cmd} ${pre.join(' ')} up -d kafka failed (exit ${res.status})`);
  const brokers = `127.0.0.1:${DEFAULT_PORT}`;
  await kafkaSmokeTest(brokers, READY_TIMEOUT_MS);
  return { brokers, docker: true };
}

function dockerStop() {
  const [cmd, ...pre] = composeCommand();
  spawnSync(cmd, [...pre, '-f', join(root, 'docker-compose.yml'), 'stop', 'kafka'], { stdio: 'inherit' });
}

/** Which way this machine can run a broker: 'jvm', 'docker', or an Error saying what to install. */
export function brokerMode() {
  if (hasCommand('java') && (hasCommand('mvn') || existsSync(join(libsDir(), '.complete')))) return 'jvm';
  if (dockerUsable()) return 'docker';
  return new Error('cannot run a Kafka broker here: install Java 17 and Maven (Debian: apt-get install openjdk-17-jre-headless maven), '
    + 'or Docker with compose and a docker-compose.yml that has a `kafka` service; or point ORDO_KAFKA_BROKERS at a running broker');
}

/** Starts a broker the best way this machine allows (see brokerMode). */
export async function startKafka(options = {}) {
  const mode = brokerMode();
  if (mode instanceof Error) throw mode;
  return mode === 'jvm' ? startJvmBroker(options) : dockerStart();
}

async function main(command) {
  const mode = brokerMode();
  switch (command) {
    case 'fetch':
      fetchKafkaJars();
      return `Kafka ${VERSION} jars ready in ${libsDir()}`;
    case 'start': {
      const { brokers } = await startKafka();
      return `Kafka ${VERSION} ready on ${brokers} (${mode === 'jvm' ? `run dir ${DEFAULT_RUN_DIR}` : 'docker compose'}); export ORDO_KAFKA_BROKERS=${brokers}`;
    }
    case 'stop':
      if (mode === 'docker') { dockerStop(); return 'stopped the docker compose kafka service'; }
      return (await stopJvmBroker()) ? 'Kafka stopped' : 'Kafka was not running (no pid file)';
    case 'status': {
      const s = await jvmBrokerStatus();
      if (s.running) return `running: pid ${s.pid}, brokers ${s.brokers}`;
      if (s.answering) return `a broker answers on ${s.brokers} but this script did not start it`;
      process.exitCode = 3;
      return `not running (${s.brokers})`;
    }
    default:
      process.exitCode = 2;
      return 'usage: node scripts/kafka.mjs start|stop|status|fetch';
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv[2]).then((msg) => console.log(msg), (e) => { console.error(`[kafka] ${e.message}`); process.exit(1); });
}
