/**
 * Config literals of a C# file (see ConfigLiteral in engine/facts.ts), from one walk down the tree that carries the
 * context of each value: field, `const` and local initializers (owned by their class), property initializers,
 * assignments (`o.AppSecret = "…"` in an options lambda such as `AddFacebook(o => …)` is owned by `Facebook`),
 * object-initializer members (`new SmtpSettings { Password = "…" }`), named and positional call and constructor
 * arguments with their callee (`UseSqlServer("…")`; parameter names for well-known APIs: `new SymmetricSecurityKey(
 * Encoding.UTF8.GetBytes("…"))` is a signing key), returns. Values pass through parentheses, casts,
 * `Encoding.UTF8.GetBytes("…")`, `Convert.FromBase64String` and `"…"u8.ToArray()`.
 *
 * Environment fallbacks: the right of `??` whose left reads configuration (`Environment.GetEnvironmentVariable("X")
 * ?? "…"`, `configuration["X"] ?? "…"`), the default of `GetValue<T>("X", "…")`, ternaries on a read.
 * Attributes (`[Route("…")]`) and parameter defaults are not read: neither can hold an environment read.
 */
import { concatenationOf } from '../treesitterAdapter';
import type { Node } from 'web-tree-sitter';
import type { ConfigContextKind, ConfigLiteral } from '../../facts';
import { calleeIgnored, isMessageName } from '../configVocabulary';
import { csArguments, csCalleeName, csDottedName, csMethodName, csReadsEnv, csStringValue, csTemplateValue, isCsString } from './ast';

type Context = Omit<ConfigLiteral, 'value' | 'range'>;

/** Methods whose arguments after the first are defaults (`GetValue<string>("key", "default")`). */
const CS_FALLBACK_METHODS = /^(GetValue|GetEnvironmentVariableOrDefault|GetEnvOrDefault|GetValueOrDefault)$/;
/**
 * Calls whose string arguments are never config values: logging, console, string helpers, configuration keys, routes,
 * MVC results, claims, EF queries, headers.
 */
const CS_IGNORED = /(^|\.)(Console|Debug|Trace|Log|Logger|_logger|logger|_log|log|Path|File|Directory|Regex|string|String|Assert|Guard|Throw|nameof|ArgumentNullException|ArgumentException)\.|(^|\.)(Environment\.GetEnvironmentVariable|GetConnectionString|GetSection|GetRequiredSection|GetValue|LogInformation|LogWarning|LogError|LogDebug|LogTrace|LogCritical|WriteLine|Write|Format|Equals|Contains|StartsWith|EndsWith|Split|Replace|IndexOf|Substring|Trim|MapGet|MapPost|MapPut|MapDelete|MapPatch|MapControllerRoute|MapFallbackToFile|MapHub|MapHealthChecks|View|PartialView|RedirectToAction|RedirectToPage|RedirectToRoute|Redirect|LocalRedirect|Content|Json|Ok|BadRequest|NotFound|Unauthorized|Problem|AddModelError|Include|ThenInclude|FromSqlRaw|ExecuteSqlRaw|FromSql|SqlQuery|HasColumnName|HasColumnType|ToTable|HasDefaultValueSql|HasName|HasDatabaseName|WithMessage|WithName|WithTags|WithSummary|GetString|SetString|GetInt32|SetInt32|Append|Add|Remove|ContainsKey|TryGetValue|Get|Set|AddHeader|IsInRole|RequireRole|RequireClaim|AddPolicy|FindFirst|FindFirstValue|HasClaim|GetType|UseStaticFiles|UsePathBase|UseExceptionHandler|UseStatusCodePagesWithReExecute|WithOrigins|SetBasePath|AddJsonFile|AddUserSecrets|Parse|TryParse|ParseExact)$|(^new (Exception|ArgumentException|ArgumentNullException|InvalidOperationException|NotImplementedException|Claim|Regex|StringContent|Guid|DateTime|CultureInfo|EventId|ActivitySource|Meter)$)/;

/** Parameter names of well-known calls and constructors, by the callee's last segment(s). */
const CS_PARAMETERS: Record<string, readonly (string | undefined)[]> = {
  'new SymmetricSecurityKey': ['signingKey'],
  'new HMACSHA256': ['signingKey'],
  'new HMACSHA512': ['signingKey'],
  'new NetworkCredential': ['userName', 'password'],
  'new BasicAWSCredentials': ['accessKey', 'secretKey'],
  'new StorageSharedKeyCredential': ['accountName', 'accountKey'],
  'new AzureKeyCredential': ['apiKey'],
  'new ApiKeyCredential': ['apiKey'],
  'new StripeClient': ['apiKey'],
  'new SendGridClient': ['apiKey'],
  'new OpenAIClient': ['apiKey'],
};

/** Calls whose one argument is the value itself in another shape: `Encoding.UTF8.GetBytes("…")`. */
const PASS_THROUGH = /(^|\.)(Encoding\.(UTF8|ASCII|Unicode|Default)\.GetBytes|Convert\.FromBase64String|Convert\.FromHexString)$/;

/** `AddFacebook` → Facebook, `AddJwtBearer` → JwtBearer: what an options lambda configures, as an owner name. */
function optionsOwner(method: string): string | undefined {
  const m = /^(Add|Use|Configure)([A-Z]\w*)$/.exec(method.replace(/^new /, ''));
  return m ? m[2] : undefined;
}

/** Every config literal of the file, in document order. */
export function csConfigLiterals(root: Node): ConfigLiteral[] {
  const out = new Map<number, ConfigLiteral>();
  const add = (leaf: Node, context: Context, value: string, template = false, end = leaf.endIndex) => {
    if (out.has(leaf.startIndex)) return;
    out.set(leaf.startIndex, { value, range: { start: leaf.startIndex, end }, ...context, ...(template ? { template: true } : {}) });
  };
  /** Lambda parameters bound to the options of a call, by name: `o` in `AddFacebook(o => …)` → Facebook. */
  const lambdaOwners = new Map<string, string>();

  const visitValue = (node: Node, context: Context): void => {
    switch (node.type) {
      case 'string_literal':
      case 'verbatim_string_literal':
      case 'raw_string_literal': {
        const value = csStringValue(node);
        if (value !== undefined) add(node, context, value);
        return;
      }
      case 'interpolated_string_expression': {
        const value = csTemplateValue(node);
        if (value !== undefined && value.includes('${')) add(node, context, value, true);
        else if (value !== undefined) add(node, context, value);
        return;
      }
      case 'parenthesized_expression':
      case 'cast_expression': {
        const value = node.childForFieldName('value') ?? node.namedChildren[node.namedChildren.length - 1];
        if (value) visitValue(value, context);
        return;
      }
      case 'conditional_expression': {
        const condition = node.childForFieldName('condition');
        const whenTrue = node.childForFieldName('consequence');
        const whenFalse = node.childForFieldName('alternative');
        if (condition) visit(condition, []);
        for (const [branch, other] of [[whenTrue, whenFalse], [whenFalse, whenTrue]] as const) {
          if (!branch) continue;
          const fallback = (condition !== null && csReadsEnv(condition)) || (other !== null && csReadsEnv(other));
          visitValue(branch, { ...context, envFallback: context.envFallback || fallback });
        }
        return;
      }
      case 'binary_expression': {
        const operator = node.childForFieldName('operator')?.text;
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (operator === '??' && left && right) {
          visitValue(left, context);
          visitValue(right, { ...context, envFallback: context.envFallback || csReadsEnv(left) });
          return;
        }
        const concatenation = operator === '+' ? concatenationOf(node, (p) => (isCsString(p) ? csStringValue(p) : undefined)) : undefined;
        if (concatenation) add(node, context, concatenation.value, concatenation.template);
        else visit(node, []);
        return;
      }
      case 'invocation_expression': {
        const fn = node.childForFieldName('function');
        const object = fn?.type === 'member_access_expression' ? fn.childForFieldName('expression') : undefined;
        const method = csMethodName(node);
        // `"…"u8.ToArray()`: the value is the string's; the fix replaces the whole expression (see the adapter).
        if (object?.type === 'string_literal' && /^(ToArray|Trim)$/.test(method)) {
          const value = csStringValue(object);
          if (value !== undefined) add(object, context, value, false, method === 'ToArray' && /u8$/.test(object.text) ? node.endIndex : object.endIndex);
          return;
        }
        const args = csArguments(node);
        if (PASS_THROUGH.test(csCalleeName(node)) && args.length === 1) {
          visitValue(args[0].value, context);
          return;
        }
        visitCall(node, context.kind === 'argument' || context.kind === 'return' ? context.owners : [...context.owners, context.name]);
        return;
      }
      case 'object_creation_expression':
        visitCall(node, context.kind === 'argument' || context.kind === 'return' ? context.owners : [...context.owners, context.name]);
        return;
      case 'initializer_expression':
      case 'implicit_array_creation_expression':
      case 'array_creation_expression':
      case 'collection_expression':
        for (const element of node.namedChildren) if (element) visitValue(element, context);
        return;
      default:
        visit(node, context.owners);
    }
  };

  const visitCall = (call: Node, holders: string[]) => {
    const fn = call.childForFieldName('function');
    if (fn?.type === 'member_access_expression') {
      const object = fn.childForFieldName('expression');
      if (object) visit(object, holders);
    }
    const callee = csCalleeName(call);
    const method = csMethodName(call);
    const args = csArguments(call);
    // `new SmtpSettings { Password = "…" }`: the members are properties of the type.
    const initializer = call.type === 'object_creation_expression' ? call.childForFieldName('initializer') : null;
    if (initializer) visitInitializer(initializer, callee, [...holders.slice(0, -1), method.replace(/^new /, '')]);
    // Options lambdas: `AddFacebook(o => { o.AppSecret = "…"; })` — `o` is Facebook's options.
    const owner = optionsOwner(method);
    for (const { value } of args) {
      if (value.type !== 'lambda_expression') continue;
      const parameter = value.childForFieldName('parameters');
      const name = parameter?.type === 'implicit_parameter' ? parameter.text : parameter?.namedChildren.length === 1 ? parameter.namedChildren[0]?.childForFieldName('name')?.text : undefined;
      if (name && owner) lambdaOwners.set(name, owner);
      else if (name) lambdaOwners.delete(name);
    }
    if (calleeIgnored(method) || CS_IGNORED.test(callee) || CS_IGNORED.test(method)) {
      for (const { value } of args) visit(value, holders);
      return;
    }
    const besideEnv = args.some((a) => csReadsEnv(a.value));
    const parameters = CS_PARAMETERS[callee] ?? CS_PARAMETERS[method];
    args.forEach(({ name, value }, index) => {
      if (value.type === 'lambda_expression') return visit(value, []);
      const fallback = (index >= 1 && CS_FALLBACK_METHODS.test(method)) || (besideEnv && !parameters);
      const parameter = name ?? parameters?.[index];
      const context: Context = parameter
        ? { kind: 'keyword', name: parameter, callee, owners: holders, siblings: {}, envFallback: fallback }
        : { kind: 'argument', name: callee, callee, argumentIndex: index, owners: holders, siblings: {}, envFallback: fallback };
      visitValue(value, context);
    });
  };

  /** `{ Password = "…", Host = "…" }` of an object creation: each member a property, siblings shared. */
  const visitInitializer = (initializer: Node, callee: string, owners: string[]) => {
    const siblings: Record<string, string> = {};
    const members: { name: string; value: Node }[] = [];
    for (const member of initializer.namedChildren) {
      if (member?.type !== 'assignment_expression') {
        if (member) visitValue(member, { kind: 'argument', name: callee, callee, owners, siblings: {}, envFallback: false });
        continue;
      }
      const left = member.childForFieldName('left');
      const right = member.childForFieldName('right');
      if (left?.type !== 'identifier' || !right) continue;
      members.push({ name: left.text, value: right });
      const value = csStringValue(right);
      if (value !== undefined) siblings[left.text] = value;
    }
    for (const { name, value } of members) visitValue(value, { kind: 'property', name, owners, siblings, envFallback: false });
  };

  const visit = (node: Node, owners: string[]): void => {
    switch (node.type) {
      case 'class_declaration':
      case 'struct_declaration':
      case 'record_declaration':
      case 'interface_declaration': {
        const name = node.childForFieldName('name')?.text;
        const inner = name ? [...owners, name] : owners;
        for (const child of node.namedChildren) if (child && child.type !== 'attribute_list') visit(child, inner);
        return;
      }
      case 'field_declaration':
      case 'local_declaration_statement': {
        const declaration = node.namedChildren.find((c) => c?.type === 'variable_declaration');
        for (const declarator of declaration?.namedChildren ?? []) {
          if (declarator?.type !== 'variable_declarator') continue;
          const nameNode = declarator.childForFieldName('name');
          const name = nameNode?.text ?? '';
          const value = declarator.namedChildren.filter((c) => c !== null && c !== nameNode && c.type !== 'bracketed_argument_list').pop();
          if (!value) continue;
          if (isMessageName(name)) visit(value, owners);
          else visitValue(value, { kind: 'variable', name, owners: node.type === 'field_declaration' ? owners : [], siblings: {}, envFallback: false });
        }
        return;
      }
      case 'property_declaration': {
        const name = node.childForFieldName('name')?.text ?? '';
        let value = node.childForFieldName('value');
        if (value?.type === 'arrow_expression_clause') value = value.namedChildren[0];
        // An expression-bodied property (`=> "…"`) is computed on each read; an initializer (`= "…"`) is its value.
        if (value && !isMessageName(name)) visitValue(value, { kind: 'property', name, owners, siblings: {}, envFallback: false });
        for (const child of node.namedChildren) if (child?.type === 'accessor_list') visit(child, []);
        return;
      }
      case 'method_declaration':
      case 'constructor_declaration':
      case 'local_function_statement':
      case 'lambda_expression':
      case 'anonymous_method_expression':
        // A local's owners are its own names: the class would qualify every local password as the class's.
        for (const child of node.namedChildren) if (child && child.type !== 'attribute_list' && child.type !== 'parameter_list') visit(child, []);
        return;
      case 'assignment_expression': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        const operator = node.childForFieldName('operator')?.text ?? '=';
        const named = left && operator === '=' ? targetName(left, lambdaOwners) : undefined;
        if (right && named && !isMessageName(named.name)) visitValue(right, { kind: named.kind, name: named.name, owners: named.owner ? [...owners, named.owner] : owners, siblings: {}, envFallback: false });
        else if (right) visit(right, owners);
        return;
      }
      case 'return_statement':
      case 'arrow_expression_clause':
        for (const value of node.namedChildren) if (value) visitValue(value, { kind: 'return', name: 'return', owners, siblings: {}, envFallback: false });
        return;
      case 'invocation_expression':
      case 'object_creation_expression':
        visitCall(node, owners);
        return;
      case 'attribute_list':
      case 'parameter_list':
      case 'string_literal':
      case 'verbatim_string_literal':
      case 'raw_string_literal':
      case 'interpolated_string_expression':
      case 'comment':
      case 'using_directive':
        return;
      default:
        for (const child of node.namedChildren) if (child) visit(child, owners);
    }
  };
  visit(root, []);
  return [...out.values()].sort((a, b) => a.range.start - b.range.start);
}

function targetName(target: Node, lambdaOwners: Map<string, string>): { kind: ConfigContextKind; name: string; owner?: string } | undefined {
  if (target.type === 'identifier') return { kind: 'variable', name: target.text };
  if (target.type === 'member_access_expression') {
    const name = target.childForFieldName('name')?.text;
    const object = target.childForFieldName('expression');
    if (!name) return undefined;
    if (object?.type === 'this') return { kind: 'variable', name };
    const objectName = csDottedName(object);
    return { kind: 'property', name, owner: (objectName && lambdaOwners.get(objectName)) ?? objectName };
  }
  if (target.type === 'element_access_expression') {
    // `TempData["success"] = "Saved"`, `ViewData["Title"] = "Home"`: view state, never config.
    return undefined;
  }
  return undefined;
}

