/**
 * Classification of single string values as backing-service locators: which service, which host, whether a real
 * password is present, and the masked form that messages show.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyBackingService, isLocalHost } from '../../server/src/engine/backingServices';

interface Row {
  value: string;
  service: string;
  hosts?: string[];
  user?: string;
  /** The real password; omitted means none (absent or a placeholder). */
  password?: string;
  placeholderPassword?: boolean;
  localOnly?: boolean;
  masked?: string;
  isBackingService?: boolean;
}

const rows: Row[] = [
  // URLs with credentials
  { value: 'postgres://app:s3cr3t@db.prod.internal:5432/app', service: 'postgres', hosts: ['db.prod.internal'], user: 'app', password: 's3cr3t', localOnly: false, masked: 'postgres://app:****@db.prod.internal:5432/app' },
  { value: 'postgresql+psycopg2://app:pw9@10.0.0.5/app', service: 'postgres', hosts: ['10.0.0.5'], password: 'pw9', masked: 'postgresql+psycopg2://app:****@10.0.0.5/app' },
  { value: 'mysql://root:Tr0ub4dor@mysql.prod.acme.io/shop', service: 'mysql', password: 'Tr0ub4dor', masked: 'mysql://root:****@mysql.prod.acme.io/shop' },
  { value: 'mariadb://u:v@maria.acme.io/x', service: 'mariadb', password: 'v' },
  { value: 'mongodb+srv://svc:Zx81kq@cluster0.ab12c.mongodb.net/app?retryWrites=true', service: 'mongodb', hosts: ['cluster0.ab12c.mongodb.net'], password: 'Zx81kq' },
  { value: 'mongodb://u:p@h1.acme.io:27017,h2.acme.io:27017/app?replicaSet=rs0', service: 'mongodb', hosts: ['h1.acme.io', 'h2.acme.io'], password: 'p', masked: 'mongodb://u:****@h1.acme.io:27017,h2.acme.io:27017/app?replicaSet=rs0' },
  { value: 'rediss://:hunter22@cache.acme.io:6380/0', service: 'redis', user: '', password: 'hunter22', masked: 'rediss://:****@cache.acme.io:6380/0' },
  { value: 'amqps://worker:w0rk@rabbit.acme.io/vhost', service: 'amqp', password: 'w0rk' },
  { value: 'smtp://mailer:m41l@smtp.sendgrid.net:587', service: 'smtp', password: 'm41l' },
  { value: 'ldaps://cn=admin:ld4p@ldap.acme.io', service: 'ldap', password: 'ld4p' },
  { value: 'postgres://app:p%40ss@db.acme.io/app', service: 'postgres', password: 'p%40ss', masked: 'postgres://app:****@db.acme.io/app' },
  { value: 'postgres://app:pa/ss@db.acme.io/app', service: 'postgres', hosts: ['db.acme.io'], password: 'pa/ss', masked: 'postgres://app:****@db.acme.io/app' },
  { value: 'https://admin:Kib4na@search.acme.io:9200', service: 'http', password: 'Kib4na', isBackingService: false },
  // Credentials on a local host are still credentials
  { value: 'postgres://app:devpass1@localhost:5432/app', service: 'postgres', password: 'devpass1', localOnly: true },
  // Password in the query string
  { value: 'postgres://db.acme.io/app?user=app&password=qu3ry', service: 'postgres', user: 'app', password: 'qu3ry', masked: 'postgres://db.acme.io/app?user=app&password=****' },
  // JDBC
  { value: 'jdbc:postgresql://db.acme.io:5432/app?user=app&password=j3dbc', service: 'postgres', password: 'j3dbc' },
  { value: 'jdbc:sqlserver://sql.acme.io:1433;databaseName=app;user=sa;password=Sq1Pass', service: 'mssql', hosts: ['sql.acme.io'], password: 'Sq1Pass', masked: 'jdbc:sqlserver://sql.acme.io:1433;databaseName=app;user=sa;password=****' },
  { value: 'jdbc:oracle:thin:scott/tiger9@//ora.acme.io:1521/orcl', service: 'oracle', hosts: ['ora.acme.io'], password: 'tiger9', masked: 'jdbc:oracle:thin:scott/****@//ora.acme.io:1521/orcl' },
  { value: 'jdbc:mysql://mysql.acme.io:3306/app', service: 'mysql', localOnly: false },
  // key=value DSNs
  { value: 'host=db.acme.io port=5432 dbname=app user=app password=kv5ecret', service: 'postgres', hosts: ['db.acme.io'], password: 'kv5ecret', masked: 'host=db.acme.io port=5432 dbname=app user=app password=****' },
  { value: "host=db.acme.io dbname=app password='quoted pw'", service: 'postgres', password: 'quoted pw', masked: "host=db.acme.io dbname=app password='****'" },
  { value: 'dbname=app user=app', service: 'postgres', hosts: [], localOnly: true },
  // ADO.NET and Azure
  { value: 'Server=tcp:sql.acme.io,1433;Database=app;User Id=sa;Password=Ad0Net!;', service: 'mssql', hosts: ['sql.acme.io'], password: 'Ad0Net!', masked: 'Server=tcp:sql.acme.io,1433;Database=app;User Id=sa;Password=****;' },
  { value: 'Data Source=(localdb)\\MSSQLLocalDB;Initial Catalog=app;Integrated Security=true', service: 'mssql', localOnly: true },
  { value: 'DefaultEndpointsProtocol=https;AccountName=acmeprod;AccountKey=bG9uZ2Jhc2U2NGtleQ==;EndpointSuffix=core.windows.net', service: 'azure-storage', password: 'bG9uZ2Jhc2U2NGtleQ==' },
  { value: 'UseDevelopmentStorage=true', service: 'azure-storage', localOnly: true },
  { value: 'Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=c2VjcmV0a2V5', service: 'azure-servicebus', hosts: ['acme.servicebus.windows.net'], password: 'c2VjcmV0a2V5' },
  // No password: backing-service URLs on real or local hosts
  { value: 'redis://cache.acme.io:6379', service: 'redis', hosts: ['cache.acme.io'], localOnly: false, placeholderPassword: false },
  { value: 'kafka://broker-1.acme.io:9092', service: 'kafka', localOnly: false },
  { value: 'nats://nats.acme.io:4222', service: 'nats' },
  { value: 'memcached://mc.acme.io:11211', service: 'memcached' },
  { value: 'mongodb://localhost:27017/app', service: 'mongodb', localOnly: true },
  { value: 'redis://127.0.0.1:6379', service: 'redis', localOnly: true },
  { value: 'redis://[::1]:6379', service: 'redis', hosts: ['::1'], localOnly: true },
  { value: 'amqp://rabbitmq:5672', service: 'amqp', localOnly: true },
  { value: 'postgres://db.example.com/app', service: 'postgres', localOnly: true },
  { value: 'postgres://localhost.evil.com/app', service: 'postgres', localOnly: false },
  // Placeholder passwords
  { value: 'postgres://${DB_USER}:${DB_PASSWORD}@${DB_HOST}/app', service: 'postgres', placeholderPassword: true, localOnly: true },
  { value: 'postgres://app:{{ db_password }}@db.acme.io/app', service: 'postgres', placeholderPassword: true, localOnly: false },
  { value: 'mongodb+srv://<username>:<password>@cluster0.mongodb.net/test', service: 'mongodb', placeholderPassword: true },
  { value: 'postgres://app:$(DB_PASSWORD)@db.acme.io/app', service: 'postgres', placeholderPassword: true },
  { value: 'postgres://app:$DB_PASSWORD@db.acme.io/app', service: 'postgres', placeholderPassword: true },
  { value: 'postgres://app:%DB_PASSWORD%@db.acme.io/app', service: 'postgres', placeholderPassword: true },
  { value: 'postgres://user:password@db.acme.io/app', service: 'postgres', placeholderPassword: true },
  { value: 'mysql://root:changeme@db.acme.io/app', service: 'mysql', placeholderPassword: true },
  { value: 'mysql://root:REDACTED@db.acme.io/app', service: 'mysql', placeholderPassword: true },
  { value: 'mysql://root:****@db.acme.io/app', service: 'mysql', placeholderPassword: true },
  { value: 'mysql://root:xxxx@db.acme.io/app', service: 'mysql', placeholderPassword: true },
  { value: 'amqp://guest:guest@rabbit.acme.io:5672', service: 'amqp', placeholderPassword: true },
  { value: 'redis://:secret@cache.acme.io', service: 'redis', placeholderPassword: true },
  { value: 'host=db.acme.io dbname=app password=%(password)s', service: 'postgres', placeholderPassword: true },
  { value: 'Server=sql.acme.io;Password=<your-password>;', service: 'mssql', placeholderPassword: true },
];

const notLocators = [
  'postgres://', // a scheme mentioned, e.g. s.replace('postgres://', '')
  'redis://',
  'https://docs.acme.io/setup', // plain docs URL: classified as http but not a backing service (checked below)
  'see postgres://u:p@db/app for details', // prose that mentions a URL
  'file:///var/data',
  'sqlite:///app.db',
  'Password',
  'host=',
  'a=1;b=2',
  'key=value other=thing',
  'jdbc:',
  'postgres://u:p@db.acme.io/app\npostgres://x',
];

describe('backingServices: classification table', () => {
  for (const row of rows) {
    it(row.value, () => {
      const result = classifyBackingService(row.value);
      assert.ok(result, 'expected a locator');
      assert.equal(result.service, row.service);
      if (row.hosts) assert.deepEqual(result.hosts, row.hosts);
      if (row.user !== undefined) assert.equal(result.user, row.user);
      assert.equal(result.password, row.password, 'password');
      if (row.placeholderPassword !== undefined) assert.equal(result.placeholderPassword, row.placeholderPassword);
      if (row.localOnly !== undefined) assert.equal(result.localOnly, row.localOnly, 'localOnly');
      if (row.masked !== undefined) assert.equal(result.masked, row.masked);
      if (row.password && row.password.length >= 4) assert.ok(!result.masked.includes(row.password), 'masked form leaks the password');
      assert.equal(result.isBackingService, row.isBackingService ?? true);
    });
  }
  for (const value of notLocators) {
    it(`not a backing service: ${JSON.stringify(value)}`, () => {
      const result = classifyBackingService(value);
      assert.ok(result === undefined || !result.isBackingService, JSON.stringify(result));
    });
  }
});

describe('backingServices: local hosts', () => {
  const table: [string, boolean][] = [
    ['localhost', true], ['LOCALHOST', true], ['app.localhost', true], ['127.0.0.1', true], ['127.1.2.3', true],
    ['[::1]', true], ['0.0.0.0', true], ['host.docker.internal', true], ['printer.local', true], ['db.example.com', true],
    ['example.org', true], ['api.test', true], ['x.invalid', true], ['db', true], ['redis-master', true], ['${DB_HOST}', true],
    ['localhost.evil.com', false], ['mylocalhost.com', false], ['127.0.0.1.nip.io', false], ['10.0.0.5', false],
    ['db.prod.internal', false], ['notexample.com', false], ['cluster0.mongodb.net', false],
    // Documentation ranges (RFC 5737, RFC 3849) are the IP counterpart of example.com; their neighbours are real.
    ['192.0.2.10', true], ['198.51.100.7', true], ['203.0.113.254', true], ['[2001:db8::7]', true], ['2001:0db8:85a3::8a2e:370:7334', true],
    ['192.0.20.10', false], ['203.0.114.1', false], ['2001:db9::1', false],
    ['127.0.1', true], ['127.1', true], ['127.0.0.1.5', false],
  ];
  for (const [host, local] of table) it(`${host} → ${local ? 'local' : 'real'}`, () => assert.equal(isLocalHost(host), local));
});
