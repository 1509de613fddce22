-- A headless Neovim session that uses `stages lsp` through Neovim's own LSP client, the way a
-- user's config would (vim.lsp.start_client works from Neovim 0.7 on), and writes what the
-- editor saw as JSON to $STAGES_NVIM_OUT: the diagnostics after opening the file, after an
-- incremental edit that fixes it, a hover, a completion, and the text after formatting.
local out_path = vim.env.STAGES_NVIM_OUT
local server = vim.env.STAGES_SERVER
local result = {}

vim.cmd('autocmd BufRead,BufNewFile *.stages set filetype=stages')
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'stages',
  callback = function(args)
    local id = vim.lsp.start_client({ name = 'stages', cmd = { 'node', server, 'lsp' }, root_dir = vim.fn.getcwd() })
    vim.lsp.buf_attach_client(args.buf, id)
  end,
})

local function diagnostics()
  return vim.tbl_map(function(d)
    return { line = d.lnum, col = d.col, end_col = d.end_col, code = d.code, severity = d.severity, message = d.message }
  end, vim.diagnostic.get(0))
end

-- The first (only) client's answer to a request at (line, character), zero-based.
local function ask(method, line, character)
  local params = { textDocument = vim.lsp.util.make_text_document_params(), position = { line = line, character = character } }
  local answers = vim.lsp.buf_request_sync(0, method, params, 10000) or {}
  for _, answer in pairs(answers) do return answer.result end
  return vim.NIL
end

local function finish()
  local file = assert(io.open(out_path, 'w'))
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd('qa!')
end

vim.defer_fn(function()
  local ok, err = pcall(function()
    result.opened = vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 20) and diagnostics() or {}
    -- Line 2 is `  lead when Stauts = 'Open'`: fix the field name in place (an incremental change).
    vim.api.nvim_buf_set_text(0, 1, 12, 1, 18, { 'Status' })
    result.edited = vim.wait(20000, function() return #vim.diagnostic.get(0) == 0 end, 20) and diagnostics() or diagnostics()
    result.hover = ask('textDocument/hover', 1, 14)
    result.completion = ask('textDocument/completion', 1, 12)
    local edits = vim.lsp.buf_request_sync(0, 'textDocument/formatting',
      { textDocument = vim.lsp.util.make_text_document_params(), options = { tabSize = 2, insertSpaces = true } }, 10000) or {}
    for _, answer in pairs(edits) do
      if answer.result then vim.lsp.util.apply_text_edits(answer.result, 0, 'utf-16') end
    end
    result.formatted = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n') .. '\n'
  end)
  if not ok then result.error = tostring(err) end
  finish()
end, 10)
