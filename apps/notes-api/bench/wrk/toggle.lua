-- POST /api/notes/:id/toggle on a random one of the 1,000 seeded notes.
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
request = function()
  local headers = {}
  for k, v in pairs(wrk.headers) do headers[k] = v end
  headers["Content-Type"] = "application/json"
  return wrk.format("POST", "/api/notes/" .. math.random(1, 1000) .. "/toggle", headers, "{}")
end
