import Foundation
import HTTPTypes

extension Steps {
    /// A syndic's usual setups in their own words: the building, its lots, owners and shares, the
    /// accounts of its chart. Each is made through the API as the syndic would, and refused
    /// setups fail the step.
    static let coOwnership: [StepDefinition] = [
        StepDefinition("the syndic {string} of {string} manages the building {string} of {int} tantièmes") {
            world, arguments, _ in
            let (syndic, organization, building, tantiemes) = (arguments[0], arguments[1], arguments[2], arguments[3])
            try await Steps.run("\"\(syndic)\" has registered the organization \"\(organization)\"", world)
            world.currentPerson = syndic
            let body =
                try json([
                    "name": building, "address": "Rue des Tilleuls 12", "city": "Liège", "postal_code": "4000",
                ]).dropLast() + ", \"total_tantiemes\": \(Int(tantiemes) ?? 0)}"
            world.variables["building"] = try await created(world, .post, "/api/v1/buildings", String(body))
        },
        // | number | type | tantiemes |: each lot remembered as "lot<number>" ("lotA").
        StepDefinition("the building has the lots:") { world, _, step in
            let building = try variable(world, "building")
            for row in try rows(of: step, columns: ["number", "type", "tantiemes"]) {
                let body =
                    try json(["number": row["number"]!, "type": row["type"]!]).dropLast()
                    + ", \"tantiemes\": \(Int(row["tantiemes"]!) ?? 0)}"
                world.variables["lot\(row["number"]!)"] = try await created(
                    world, .post, "/api/v1/buildings/\(building)/lots", String(body))
            }
        },
        // | name |: each owner remembered by their name in lower case without accents ("chloe").
        StepDefinition("the owners:") { world, _, step in
            for row in try rows(of: step, columns: ["name"]) {
                let name = row["name"]!
                let alias = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
                world.variables[alias] = try await created(world, .post, "/api/v1/owners", try json(["name": name]))
            }
        },
        // | code | label |
        StepDefinition("the building's chart has the accounts:") { world, _, step in
            let building = try variable(world, "building")
            for row in try rows(of: step, columns: ["code", "label"]) {
                let response = try await world.send(
                    .post, "/api/v1/buildings/\(building)/accounts",
                    json: try json(["code": row["code"]!, "label": row["label"]!]), as: world.currentPerson)
                try expect(response.status.code == 201, "account \(row["code"]!): \(String(buffer: response.body))")
            }
        },
    ]

    /// Sends as the current person and returns the new resource's id; anything but 201 fails.
    static func created(_ world: World, _ method: HTTPRequest.Method, _ path: String, _ body: String) async throws
        -> String
    {
        let response = try await world.send(method, path, json: body, as: world.currentPerson)
        try expect(
            response.status.code == 201, "\(path) answered \(response.status.code): \(String(buffer: response.body))")
        guard let id = JSONPath.lookup("id", in: try world.body(of: response)) as? String else {
            throw StepFailure("\(path) answered no id")
        }
        return id
    }
}
