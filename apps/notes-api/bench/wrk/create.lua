-- POST /api/notes with a JSON note. Keeps any -H headers (e.g. Connection: close).
local counter = 0
request = function()
  counter = counter + 1
  local headers = {}
  for k, v in pairs(wrk.headers) do headers[k] = v end
  headers["Content-Type"] = "application/json"
  local body = '{"title":"bench note ' .. counter .. '","description":"created by wrk"}'
  return wrk.format("POST", "/api/notes", headers, body)
end
