-- Headless Neovim as a second, independent LSP client of the bundled language server (server/out/server.js --stdio).
-- Run by scripts/nvim-check.mjs, which copies test/nvim/fixtures/app to a temp folder and passes, in the environment:
--   SERVER_JS   the bundled server            TARGET   the copied app.js (its folder is the workspace root)
--   RESULTS     where to write the results    SECRET   the fixture's raw password (must never reach the client)
--   TIMEOUT_MS  deadline of every wait (default 30000)
-- Written for Neovim 0.7.2 (Debian bookworm): vim.lsp.start_client + vim.lsp.buf_attach_client (vim.lsp.start and
-- `nvim -l` are 0.8+ and 0.9+). Every wait polls a condition with vim.wait and a deadline; nothing sleeps a fixed time.
-- Results: a JSON array of { title, state = 'passed' | 'failed', error? }, one per check, in the shape scripts/e2e.mjs
-- counts. Neovim exits 0 when every check passed, 1 otherwise.

local server_js = assert(os.getenv('SERVER_JS'), 'SERVER_JS is not set')
local target = assert(os.getenv('TARGET'), 'TARGET is not set')
local results_file = assert(os.getenv('RESULTS'), 'RESULTS is not set')
local secret = assert(os.getenv('SECRET'), 'SECRET is not set')
local timeout_ms = tonumber(os.getenv('TIMEOUT_MS') or '') or 30000

local function say(line) io.stdout:write(line .. '\n') end
local function contains(haystack, needle) return type(haystack) == 'string' and haystack:find(needle, 1, true) ~= nil end

local results = {}
local state = {
  published = {},  -- uri → the latest publishDiagnostics params
  server_log = {}, -- window/logMessage and window/showMessage texts
  server_errors = {},
  exit = nil,      -- { code, signal } once the server process has ended
}

--- Runs one check; `fn` raises (error or assert) with the reason when the check fails.
local function check(title, fn)
  local ok, err = pcall(fn)
  table.insert(results, { title = 'Neovim: ' .. title, state = ok and 'passed' or 'failed', error = (not ok) and tostring(err) or nil })
  say((ok and '  ok   ' or '  FAIL ') .. title .. ((not ok) and ('\n         ' .. tostring(err)) or ''))
  return ok
end

local function fail(fmt, ...) error(string.format(fmt, ...), 0) end

local function codes_of(diagnostics)
  local codes = {}
  for _, d in ipairs(diagnostics or {}) do table.insert(codes, tostring(d.code)) end
  table.sort(codes)
  return table.concat(codes, ', ')
end

local function find_code(diagnostics, code)
  for _, d in ipairs(diagnostics or {}) do
    if d.code == code then return d end
  end
  return nil
end

local function buffer_text(bufnr)
  return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
end

--- Any message the server sent so far that contains the raw secret (diagnostics, log lines).
local function leaks()
  local found = {}
  for uri, params in pairs(state.published) do
    if contains(vim.json.encode(params), secret) then table.insert(found, 'publishDiagnostics for ' .. uri) end
  end
  for _, line in ipairs(state.server_log) do
    if contains(line, secret) then table.insert(found, 'log message: ' .. line:sub(1, 120):gsub(vim.pesc(secret), '<secret>')) end
  end
  return found
end

local function on_log(_, result)
  if not result or type(result.message) ~= 'string' then return end
  table.insert(state.server_log, result.message)
  if result.type == vim.lsp.protocol.MessageType.Error then table.insert(state.server_errors, result.message) end
end

local function main()
  if vim.fn.filereadable(server_js) ~= 1 then fail('the server bundle %s does not exist (run npm run build)', server_js) end
  local root_dir = vim.fn.fnamemodify(target, ':h')

  vim.cmd('edit ' .. vim.fn.fnameescape(target))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'javascript'
  local uri = vim.uri_from_bufnr(bufnr)
  local original_text = buffer_text(bufnr)
  if not contains(original_text, ':' .. secret .. '@') then fail('the fixture %s has no URL with the expected password', target) end

  local client_id = vim.lsp.start_client({
    name = 'twelve-factor',
    cmd = { 'node', server_js, '--stdio' },
    root_dir = root_dir,
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
        if result and result.uri then state.published[result.uri] = result end
        vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
      end,
      ['window/logMessage'] = on_log,
      ['window/showMessage'] = on_log,
    },
    on_exit = function(code, signal) state.exit = { code = code, signal = signal } end,
  })
  if not client_id then fail('vim.lsp.start_client could not start `node %s --stdio`', server_js) end
  vim.lsp.buf_attach_client(bufnr, client_id)

  local function client() return vim.lsp.get_client_by_id(client_id) end
  local function server_gone()
    if state.exit then return string.format(' (the server exited: code %s, signal %s)', tostring(state.exit.code), tostring(state.exit.signal)) end
    return ''
  end

  -- 1. Diagnostics for the opened file, with both findings the fixture holds.
  local diagnostics
  local ok = check('diagnostics arrive over stdio, all with source twelve-factor', function()
    local arrived = vim.wait(timeout_ms, function()
      local p = state.published[uri]
      return state.exit ~= nil or (p ~= nil and find_code(p.diagnostics, 'no-credentials-in-url') ~= nil and find_code(p.diagnostics, 'no-hardcoded-port') ~= nil)
    end, 50)
    local p = state.published[uri]
    if not arrived or state.exit then
      fail('no diagnostics with no-credentials-in-url and no-hardcoded-port for %s %s; last published: %s', uri,
        state.exit and server_gone():sub(2) or ('within ' .. timeout_ms .. ' ms'), p and ('[' .. codes_of(p.diagnostics) .. ']') or 'nothing')
    end
    diagnostics = p.diagnostics
    for _, d in ipairs(diagnostics) do
      if d.source ~= 'twelve-factor' then fail('diagnostic %s has source %q, expected "twelve-factor"', tostring(d.code), tostring(d.source)) end
    end
    -- What the user sees: Neovim's own diagnostic store took them all.
    local shown = #vim.diagnostic.get(bufnr)
    if shown ~= #diagnostics then fail('vim.diagnostic.get shows %d diagnostics, the server published %d', shown, #diagnostics) end
    for _, d in ipairs(diagnostics) do
      say(string.format('         %s:%d:%d severity=%d [%s] %s', vim.fn.fnamemodify(target, ':t'), d.range.start.line + 1,
        d.range.start.character + 1, d.severity, tostring(d.code), d.message))
    end
  end)
  if not ok then return end

  local credentials = find_code(diagnostics, 'no-credentials-in-url')
  check('no-credentials-in-url: an error on the URL, password masked', function()
    if credentials.severity ~= vim.lsp.protocol.DiagnosticSeverity.Error then fail('severity %s, expected 1 (Error)', tostring(credentials.severity)) end
    local line = vim.api.nvim_buf_get_lines(bufnr, credentials.range.start.line, credentials.range.start.line + 1, false)[1] or ''
    if not contains(line, 'postgres://') then fail('the range starts on line %d, which holds no URL: %s', credentials.range.start.line + 1, line) end
    if contains(credentials.message, secret) then fail('the message holds the raw password') end
    if not contains(credentials.message, 'postgres://orders:****@db.internal') then fail('the message does not show the masked URL: %s', credentials.message) end
    local href = credentials.codeDescription and credentials.codeDescription.href
    if not contains(href, 'no-credentials-in-url') then fail('codeDescription.href %s does not point at the rule docs', tostring(href)) end
  end)

  check('no-hardcoded-port: a warning on app.listen(3000)', function()
    local port = find_code(diagnostics, 'no-hardcoded-port')
    if port.severity ~= vim.lsp.protocol.DiagnosticSeverity.Warning then fail('severity %s, expected 2 (Warning)', tostring(port.severity)) end
    local line = vim.api.nvim_buf_get_lines(bufnr, port.range.start.line, port.range.start.line + 1, false)[1] or ''
    local covered = line:sub(port.range.start.character + 1, port.range['end'].line == port.range.start.line and port.range['end'].character or #line)
    if not contains(line, 'app.listen(3000)') or not contains(covered, '3000') then
      fail('the range covers %q on line %d (%s), expected the 3000 of app.listen(3000)', covered, port.range.start.line + 1, line)
    end
    if not contains(port.message, 'PORT') then fail('the message does not name PORT: %s', port.message) end
  end)

  -- 2. The quick fix, asked for the way Neovim's own vim.lsp.buf.code_action asks: the range and its diagnostics.
  local preferred
  check('textDocument/codeAction returns the preferred "Fix: …" quick fix', function()
    local params = {
      textDocument = { uri = uri },
      range = credentials.range,
      context = { diagnostics = { credentials } },
    }
    local responses, err = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, timeout_ms)
    if not responses then fail('no answer within %d ms: %s%s', timeout_ms, tostring(err), server_gone()) end
    local response = responses[client_id]
    if not response then fail('no answer from the twelve-factor client') end
    if response.err then fail('the server answered with an error: %s', vim.inspect(response.err)) end
    local titles = {}
    for _, action in ipairs(response.result or {}) do
      table.insert(titles, action.title)
      if contains(action.title, secret) then fail('the title %q holds the raw password', action.title) end
      if action.isPreferred and action.kind == 'quickfix' and action.title:sub(1, 5) == 'Fix: ' then preferred = action end
    end
    if not preferred then fail('no preferred quickfix titled "Fix: …" among: %s', table.concat(titles, ' | ')) end
    if type(preferred.edit) ~= 'table' then fail('the preferred fix %q carries no edit', preferred.title) end
    say('         actions: ' .. table.concat(titles, ' | '))
  end)

  -- 3. Neovim applies the edit itself (with its own workspace-edit code) and the buffer holds the fixed line.
  check('the preferred fix, applied by Neovim, reads the URL from the environment', function()
    if not preferred then fail('no preferred fix to apply (see the check above)') end
    vim.lsp.util.apply_workspace_edit(preferred.edit, client().offset_encoding)
    local text = buffer_text(bufnr)
    if contains(text, secret) or contains(text, 'postgres://') then fail('the URL is still in the buffer:\n%s', text) end
    local expected = "const pool = new Pool({ connectionString: process.env.DATABASE_URL });"
    local line = vim.api.nvim_buf_get_lines(bufnr, credentials.range.start.line, credentials.range.start.line + 1, false)[1]
    if line ~= expected then fail('line %d reads %q, expected %q', credentials.range.start.line + 1, tostring(line), expected) end
    -- Only that line changed.
    local before, after = vim.split(original_text, '\n', { plain = true }), vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
    if #before ~= #after then fail('the fix changed the line count from %d to %d', #before, #after) end
    for i = 1, #before do
      if i ~= credentials.range.start.line + 1 and before[i] ~= after[i] then fail('line %d changed too: %q', i, after[i]) end
    end
    -- The same edit documents the variable in the workspace's .env.example, a second file Neovim loads and edits.
    -- (Neovim 0.7 does not announce documentChanges, so the server cannot create the file; the fixture carries one.)
    local env_buf = vim.fn.bufnr(root_dir .. '/.env.example')
    if env_buf == -1 then fail('the fix did not edit .env.example; the edit: %s', vim.inspect(preferred.edit)) end
    local env_lines = vim.api.nvim_buf_get_lines(env_buf, 0, -1, false)
    if not vim.tbl_contains(env_lines, 'LOG_LEVEL=info') then fail('.env.example lost its LOG_LEVEL=info line: %s', vim.inspect(env_lines)) end
    if not vim.tbl_contains(env_lines, 'DATABASE_URL=') then fail('.env.example has no empty DATABASE_URL= entry: %s', vim.inspect(env_lines)) end
    if contains(buffer_text(env_buf), secret) then fail('.env.example holds the raw password') end
  end)

  -- 4. The edit reached the server as a didChange: it withdraws the finding and keeps the other one.
  check('after the edit the server withdraws no-credentials-in-url and keeps no-hardcoded-port', function()
    local settled = vim.wait(timeout_ms, function()
      local p = state.published[uri]
      return state.exit ~= nil or (p ~= nil and find_code(p.diagnostics, 'no-credentials-in-url') == nil and find_code(p.diagnostics, 'no-hardcoded-port') ~= nil)
    end, 50)
    if not settled or state.exit then
      fail('still published after %d ms%s: [%s]', timeout_ms, server_gone(), codes_of(state.published[uri] and state.published[uri].diagnostics))
    end
  end)

  check('the raw password never reaches the client; the server logs no error', function()
    local found = leaks()
    if #found > 0 then fail('the raw password appears in: %s', table.concat(found, '; ')) end
    if #state.server_errors > 0 then fail('the server logged errors:\n%s', table.concat(state.server_errors, '\n')) end
  end)

  -- A clean shutdown: the server answers shutdown and exits.
  vim.lsp.stop_client(client_id)
  check('the server shuts down cleanly', function()
    if not vim.wait(timeout_ms, function() return state.exit ~= nil end, 50) then fail('the server still runs %d ms after shutdown/exit', timeout_ms) end
    if state.exit.code ~= 0 then fail('the server exited with code %s, signal %s', tostring(state.exit.code), tostring(state.exit.signal)) end
  end)
end

say(string.format('Neovim %d.%d.%d, server %s', vim.version().major, vim.version().minor, vim.version().patch, server_js))
local ok, err = xpcall(main, debug.traceback)
if not ok then
  table.insert(results, { title = 'Neovim: LSP check', state = 'failed', error = tostring(err) })
  say('  FAIL ' .. tostring(err))
end

local failed = 0
for _, r in ipairs(results) do
  if r.state ~= 'passed' then failed = failed + 1 end
end
local file = io.open(results_file, 'w')
if file then
  file:write(vim.json.encode(results))
  file:close()
end
vim.cmd(failed == 0 and 'qall!' or 'cquit 1')
