/**
 * The project facts of a Java file: imports, `System.getenv` reads, server starts and signal handling, for the
 * project rules (missing-shutdown-handler, env-example-drift, procfile-web-port).
 *
 * What counts as a server start (in a file that imports the server's library): Javalin's `start(…)`, Spark's
 * `port(…)`/`init()`, embedded Jetty's and Undertow's `start()`, the JDK's `HttpServer.start()`, and
 * `new ServerSocket(…)`. What counts as handling SIGTERM: a JVM shutdown hook (`Runtime.getRuntime()
 * .addShutdownHook(…)`), `sun.misc.Signal.handle`, Jetty's `setStopAtShutdown(true)`, and the frameworks that
 * register their own hook: Spring Boot (`SpringApplication.run`, `new SpringApplication(…)`,
 * `new SpringApplicationBuilder(…)`), Micronaut (`Micronaut.run`), Quarkus (`Quarkus.run`, `@QuarkusMain`),
 * Dropwizard (an `Application` whose `run` starts Jetty with its own hook).
 *
 * Spring resolves any property from the environment (`@Value("${…}")`, `Environment`, `@ConfigurationProperties`),
 * so a file that uses them reads the environment dynamically.
 */
import type { Node } from 'web-tree-sitter';
import type { CodeFacts } from '../../facts';
import { walkTree } from '../treesitter';
import { javaArguments, javaCalleeName, javaDottedName, javaImports, javaStringValue } from './ast';

const UPPER_NAME = /^[A-Z][A-Z0-9_]{1,}$/;

const SIGNAL_CALLS = /(?:^|\.)(?:Runtime\.getRuntime\(\)\.addShutdownHook|Signal\.handle|setStopAtShutdown|SpringApplication\.run|Micronaut\.run|Quarkus\.run|Quarkus\.waitForExit)$|^new (?:\w+\.)*(?:SpringApplication|SpringApplicationBuilder)$/;
const SIGNAL_ANNOTATIONS = /^(?:SpringBootApplication|QuarkusMain)$/;
const SPRING_CONFIG = /^(?:Value|ConfigurationProperties)$/;
const SPRING_ENVIRONMENT = /^org\.springframework\.(?:core\.env|boot\.context\.properties|beans\.factory\.annotation\.Value)/;

interface JavaServerStart {
  callee: RegExp;
  imports: RegExp;
  /** The receiver is declared or made as this type in the file (or the call chains on its factory). */
  receiver?: RegExp;
  message: string;
}

const SERVER_STARTS: readonly JavaServerStart[] = [
  { callee: /^Javalin\.create\(\)\.start$|\.start$/, imports: /^io\.javalin\./, receiver: /^Javalin$/, message: 'Javalin start()' },
  { callee: /^(?:Spark\.)?(?:port|init)$/, imports: /^spark\.Spark/, message: 'Spark' },
  { callee: /\.start$/, imports: /^org\.eclipse\.jetty\.server\./, receiver: /^Server$/, message: 'Jetty Server.start()' },
  { callee: /\.start$|\.build\(\)\.start$/, imports: /^io\.undertow\./, receiver: /^Undertow$/, message: 'Undertow start()' },
  { callee: /\.start$/, imports: /^com\.sun\.net\.httpserver\./, receiver: /^HttpServer$/, message: 'HttpServer.start()' },
  { callee: /^new (?:java\.net\.)?ServerSocket$/, imports: /./, message: 'new ServerSocket()' },
];

/** Names declared with a type, or assigned from its factory (`Javalin.create(…)`, `Undertow.builder()…build()`). */
function typedNames(root: Node, type: RegExp): Set<string> {
  const names = new Set<string>();
  walkTree(root, (node) => {
    if (node.type !== 'field_declaration' && node.type !== 'local_variable_declaration') return true;
    const declared = javaDottedName(node.childForFieldName('type')) ?? '';
    for (const declarator of node.childrenForFieldName('declarator')) {
      const value = declarator?.childForFieldName('value');
      const factory = value && (value.type === 'method_invocation' || value.type === 'object_creation_expression') ? javaCalleeName(value).replace(/^new /, '').split(/[.(]/)[0] : '';
      if (type.test(declared) || type.test(factory)) names.add(declarator?.childForFieldName('name')?.text ?? '');
    }
    return true;
  });
  return names;
}

export function extractJavaFacts(root: Node): CodeFacts {
  const facts: CodeFacts = { family: 'java', imports: [], envReads: [], envDynamic: false, mentions: [], servers: [], handlesSignals: false, directives: [] };
  const imports = javaImports(root);
  for (const node of root.namedChildren) {
    if (node?.type !== 'import_declaration') continue;
    facts.imports.push({ specifier: node.text.replace(/^import\s+(static\s+)?/, '').replace(/;\s*$/, '').replace(/\s+/g, ''), start: node.startIndex, end: node.endIndex, typeOnly: false, optional: false });
  }
  if (imports.some((i) => SPRING_ENVIRONMENT.test(i))) facts.envDynamic = true;
  const starts = SERVER_STARTS.filter((s) => imports.some((i) => s.imports.test(i)));
  const receivers = new Map<JavaServerStart, Set<string>>();
  const mentions = new Set<string>();
  walkTree(root, (node) => {
    if (node.type === 'line_comment' || node.type === 'block_comment') return false;
    const value = javaStringValue(node);
    if (value !== undefined) {
      if (UPPER_NAME.test(value)) mentions.add(value);
      for (const match of value.matchAll(/\$\{([A-Z][A-Z0-9_]+)/g)) mentions.add(match[1]);
      return false;
    }
    if (node.type === 'marker_annotation' || node.type === 'annotation') {
      const name = node.childForFieldName('name')?.text ?? '';
      if (SIGNAL_ANNOTATIONS.test(name)) facts.handlesSignals = true;
      if (SPRING_CONFIG.test(name)) facts.envDynamic = true;
      return true;
    }
    if (node.type !== 'method_invocation' && node.type !== 'object_creation_expression') return true;
    const callee = javaCalleeName(node);
    if (SIGNAL_CALLS.test(callee)) facts.handlesSignals = true;
    if (node.type === 'method_invocation' && /(?:^|\.)System\.getenv$/.test(callee)) {
      const name = javaStringValue(javaArguments(node)[0]);
      if (name !== undefined) facts.envReads.push({ name, start: node.startIndex, end: node.endIndex });
      else if (javaArguments(node).length > 0) facts.envDynamic = true;
    }
    if (/^(?:java\.lang\.)?System\.getenv\(\)\.(?:get|getOrDefault|containsKey)$/.test(callee)) {
      const name = javaStringValue(javaArguments(node)[0]);
      if (name !== undefined) facts.envReads.push({ name, start: node.startIndex, end: node.endIndex });
      else facts.envDynamic = true;
    } else if (/^(?:java\.lang\.)?System\.getenv\(\)\./.test(callee)) facts.envDynamic = true;
    for (const start of starts) {
      if (!start.callee.test(callee)) continue;
      if (start.receiver && !/^Javalin\.create\(\)\.start$/.test(callee)) {
        if (!receivers.has(start)) receivers.set(start, typedNames(root, start.receiver));
        const object = node.childForFieldName('object');
        const chained = object?.type === 'method_invocation' && start.receiver.test(javaCalleeName(object).split(/[.(]/)[0]);
        if (!chained && (object?.type !== 'identifier' || !receivers.get(start)!.has(object.text))) continue;
      }
      const at = node.childForFieldName('name') ?? node.childForFieldName('type') ?? node;
      facts.servers.push({ call: start.message, start: at.startIndex, end: at.endIndex });
      break;
    }
    return true;
  });
  facts.mentions = [...mentions];
  return facts;
}
