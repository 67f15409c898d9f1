-- One route of the mixed workload (benchmarks/mix.py runs one wrk per route, at once).
-- Each request picks a random organization from the targets file: token, building, owner,
-- equipment, and a day of its rides. Accepting an offer and closing an intervention use each
-- seeded offer or started intervention once, in the order of the stock file.
--   wrk -s benchmarks/mix.lua URL -- ROUTE TARGETS_FILE STOCK_FILE|- INDEX COUNT
local route, targets, stock = nil, {}, {}
local counter = 0

function init(args)
  route = args[1]
  for line in io.lines(args[2]) do
    local token, building, owner, equipment, day = line:match("(%S+) (%S+) (%S+) (%S+) (%S+)")
    table.insert(targets, {token = token, building = building, owner = owner, equipment = equipment, day = day})
  end
  if args[3] ~= "-" then
    for line in io.lines(args[3]) do
      local token, id = line:match("(%S+) (%S+)")
      table.insert(stock, {token = token, id = id})
    end
  end
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
end

function request()
  local t = targets[math.random(#targets)]
  counter = counter + 1
  local headers = {["authorization"] = "Bearer " .. t.token, ["content-type"] = "application/json"}
  if route == "interventions" then
    return wrk.format("GET", "/api/v1/interventions?per_page=20&sort=-created_at", headers)
  elseif route == "building-lots" then
    return wrk.format("GET", "/api/v1/buildings/" .. t.building .. "/lots?per_page=50", headers)
  elseif route == "trial-balance" then
    return wrk.format("GET", "/api/v1/buildings/" .. t.building .. "/journal-entries/balance", headers)
  elseif route == "planning" then
    return wrk.format("GET", "/api/v1/commandes?per_page=50&date_from=" .. t.day .. "T00:00:00Z&date_to=" .. t.day .. "T23:59:59Z", headers)
  elseif route == "owner-statement" then
    return wrk.format("GET", "/api/v1/owners/" .. t.owner .. "/statement", headers)
  elseif route == "post-entry" then
    local amount = string.format("%d.%02d", math.random(1, 999), math.random(0, 99))
    return wrk.format("POST", "/api/v1/buildings/" .. t.building .. "/journal-entries", headers,
      '{"journal":"ACH","type":"manual","entry_date":"2026-06-15","description":"Facture","lines":[' ..
      '{"account_code":"61","debit":"' .. amount .. '"},{"account_code":"440","credit":"' .. amount .. '"}]}')
  elseif route == "create-ride" then
    return wrk.format("POST", "/api/v1/commandes", headers,
      '{"prise_en_charge":"Gare centrale","destination":"Aéroport","date_iso":"2027-0' .. math.random(1, 9) ..
      '-1' .. math.random(0, 9) .. 'T' .. string.format("%02d", math.random(6, 22)) .. ':00:00Z","passagers":1}')
  elseif route == "accept-offer" or route == "close-intervention" then
    local item = stock[counter]
    if item == nil then item = stock[#stock] end -- exhausted: the repeats answer 409, counted as errors
    local h = {["authorization"] = "Bearer " .. item.token, ["content-type"] = "application/json"}
    if route == "accept-offer" then
      return wrk.format("POST", "/api/v1/demandes/" .. item.id .. "/accept", h)
    end
    return wrk.format("POST", "/api/v1/interventions/" .. item.id .. "/close", h,
      '{"report":"Contrôle fait","actual_minutes":30}')
  elseif route == "create-intervention" then
    return wrk.format("POST", "/api/v1/interventions", headers,
      '{"title":"Fuite","type":"corrective","priority":"normale","equipement_id":"' .. t.equipment .. '"}')
  end
end
