import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { REPO_ROOT, loadConfig } from '../src/config/load-config';
import { resolveTokenSecret } from '../src/config/token-secret';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ordo-cfg-'));
  dirs.push(dir);
  return dir;
}
function withFile(text: string): { dir: string; file: string } {
  const dir = tempDir();
  const file = join(dir, 'ordo.config.yaml');
  writeFileSync(file, text);
  return { dir, file };
}

describe('loadConfig', () => {
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  test('defaults without a file or variables', () => {
    const cwd = tempDir();
    const c = loadConfig({}, cwd);
    assert.equal(c.configFile, undefined);
    assert.equal(c.dataDir, join(cwd, 'data'));
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.port, 3000);
    assert.deepEqual(c.roles, ['api', 'engine', 'projector', 'relay', 'triggers']);
    assert.equal(c.sqliteSynchronous, 'full');
    assert.equal(c.limits.requestBodyBytes, 1024 * 1024);
    assert.deepEqual(c.examples, { deploy: true, dir: join(REPO_ROOT, 'examples') });
    assert.equal(c.showTaskTokensInHistory, true, 'loopback shows tokens');
    assert.equal(c.tokenSecret, undefined);
  });

  test('reads ./ordo.config.yaml, resolving paths against its directory', () => {
    const { dir, file } = withFile([
      'dataDir: ./state', 'server: {host: 0.0.0.0, port: 8080}', 'roles: [api, engine]',
      'handlers: [./h.js]', 'resources:', '  "acs:fc:::services/s/functions/f": "local:f"', '  "acs:mns:::/queues/q/messages": "kafka:q"',
      'durability: {sqliteSynchronous: normal}', 'limits: {requestBodyBytes: 2097152, inputBytes: 65536}',
    ].join('\n'));
    const c = loadConfig({ ORDO_API_KEYS: 'an-operator-key-0001:operator' }, dir);
    assert.equal(c.configFile, file);
    assert.equal(c.dataDir, join(dir, 'state'));
    assert.deepEqual([c.host, c.port], ['0.0.0.0', 8080]);
    assert.deepEqual(c.roles, ['api', 'engine']);
    assert.deepEqual(c.handlerModules, [join(dir, 'h.js')]);
    assert.equal(c.resources['acs:mns:::/queues/q/messages'], 'kafka:q');
    assert.equal(c.sqliteSynchronous, 'normal');
    assert.equal(c.limits.inputBytes, 65536);
    assert.equal(c.showTaskTokensInHistory, false, 'a non-loopback host hides tokens by default');
  });

  test('variables override the file', () => {
    const { dir } = withFile('server: {port: 8080}\ndurability: {sqliteSynchronous: normal}\n');
    const c = loadConfig({
      ORDO_PORT: '9000', ORDO_SQLITE_SYNCHRONOUS: 'full', ORDO_ROLES: 'all', ORDO_DATA_DIR: 'd',
      ORDO_DEPLOY_EXAMPLES: 'false', ORDO_TOKEN_SECRET: 's'.repeat(32), ORDO_HANDLERS: 'a.js, b.js',
    }, dir);
    assert.equal(c.port, 9000);
    assert.equal(c.sqliteSynchronous, 'full');
    assert.equal(c.dataDir, join(dir, 'd'));
    assert.equal(c.examples.deploy, false);
    assert.equal(c.tokenSecret, 's'.repeat(32));
    assert.deepEqual(c.handlerModules, [join(dir, 'a.js'), join(dir, 'b.js')]);
  });

  test('the shipped example configuration is valid', () => {
    const example = join(REPO_ROOT, 'examples', 'ordo.config.yaml.example');
    const c = loadConfig({ ORDO_CONFIG: example }, REPO_ROOT);
    assert.equal(c.configFile, example);
    assert.equal(c.resources['action:ocr:RecognizeIdentityCard'], 'http://127.0.0.1:9100/ocr');
  });

  const bad: Array<[string, Record<string, string>, string | undefined, RegExp]> = [
    ['a bad port variable', { ORDO_PORT: '70000' }, undefined, /ORDO_PORT must be an integer from 0 to 65535, got "70000"/],
    ['an unknown role', { ORDO_ROLES: 'api,web' }, undefined, /ORDO_ROLES has unknown role "web"/],
    ['a weak durability value', { ORDO_SQLITE_SYNCHRONOUS: 'off' }, undefined, /ORDO_SQLITE_SYNCHRONOUS must be one of full, normal, got "off"/],
    ['a short token secret', { ORDO_TOKEN_SECRET: 'short' }, undefined, /ORDO_TOKEN_SECRET must be at least 32 bytes/],
    ['a missing ORDO_CONFIG file', { ORDO_CONFIG: 'nope.yaml' }, undefined, /ORDO_CONFIG points to .*nope\.yaml, which does not exist/],
    ['an unknown key', {}, 'server:\n  port: 1\n  tls: true\n', /ordo\.config\.yaml:3:3: server\.tls is not a known key\./],
    ['a wrong type', {}, 'server:\n  port: "eighty"\n', /ordo\.config\.yaml:2:9: server\.port must be integer\./],
    ['an unmappable resource key', {}, 'resources:\n  "local:x": "local:y"\n', /resources\["local:x"\] is not a mappable resource/],
    ['a bad resource target', {}, 'resources:\n  "acs:fc:::services/a/functions/b": "ftp://x"\n', /ordo\.config\.yaml:2:38: resources\["acs:fc:::services\/a\/functions\/b"\] must map to/],
    ['an mns resource off Kafka', {}, 'resources:\n  "acs:mns:::/queues/q/messages": "local:q"\n', /acs:mns resources must map to "kafka:TOPIC"/],
    ['Kafka for a function', {}, 'resources:\n  "acs:fc:::services/a/functions/b": "kafka:t"\n', /only acs:mns resources may map to kafka:/],
    ['a body limit under a payload limit', {}, 'limits: {requestBodyBytes: 2048, inputBytes: 4096}\n', /limits\.requestBodyBytes \(2048\) must be at least/],
    ['YAML syntax', {}, 'server: [\n', /ordo\.config\.yaml:\d+:\d+: not valid YAML/],
  ];
  for (const [what, env, fileText, message] of bad) {
    test(`rejects ${what} with a message naming it`, () => {
      const dir = fileText === undefined ? tempDir() : withFile(fileText).dir;
      assert.throws(() => loadConfig(env, dir), (e: Error) => e.name === 'ConfigError' && message.test(e.message));
    });
  }
});

describe('resolveTokenSecret', () => {
  test('generates 32 random bytes once, mode 0600, and reuses them', () => {
    const dir = tempDir();
    const first = resolveTokenSecret(undefined, join(dir, 'data'));
    assert.match(first, /^[0-9a-f]{64}$/);
    const file = join(dir, 'data', 'token-secret');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(resolveTokenSecret(undefined, join(dir, 'data')), first);
    assert.equal(readFileSync(file, 'utf8'), first);
  });

  test('prefers the configured secret and writes nothing', () => {
    const dir = tempDir();
    assert.equal(resolveTokenSecret('k'.repeat(40), dir), 'k'.repeat(40));
    assert.throws(() => statSync(join(dir, 'token-secret')));
  });
});
