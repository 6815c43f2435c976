-- Loaded by generate.sh:  tshark -q -r CAPTURE -X lua_script:gen.lua -X lua_script1:EXPRESSIONS -X lua_script1:OUT
-- Creates one tap per display filter (a tap with a filter sees exactly the frames that filter selects) and, once
-- the capture is read, writes "expression<TAB>frame numbers" per filter to OUT; "ERROR" when tshark rejects it.
local args = { ... }
local exprfile, outfile = args[1], args[2]
local exprs, hits = {}, {}
for line in io.lines(exprfile) do
  if line:match("%S") and not line:match("^#") then exprs[#exprs + 1] = line end
end
for i, expr in ipairs(exprs) do
  local ok, tap = pcall(Listener.new, nil, expr)
  if ok and tap then
    local frames = {}
    hits[i] = frames
    function tap.packet(pinfo) frames[#frames + 1] = pinfo.number end
  else
    hits[i] = false
  end
end
local done = Listener.new()
function done.draw()
  local f = assert(io.open(outfile, "w"))
  for i, expr in ipairs(exprs) do
    f:write(expr, "\t", hits[i] and table.concat(hits[i], ",") or "ERROR", "\n")
  end
  f:close()
end
