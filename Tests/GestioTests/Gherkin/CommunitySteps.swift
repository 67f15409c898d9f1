import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore

extension Steps {
    /// The building's community. The requests are the API's own in the feature files; these
    /// steps make the residents a scenario starts from: members with an account, each an owner
    /// of a lot or its occupant.
    static let community: [StepDefinition] = [
        // | name | lot | as (owner or occupant) |: the current person (the syndic) invites each,
        // who registers; an owner gets an owner record linked to their account and the whole lot
        // since 2020, an occupant a link to the lot. Owners are remembered by name (their owner
        // record), everyone's account as "<name>.id".
        StepDefinition("the residents:") { world, _, step in
            guard let syndic = world.currentPerson else { throw StepFailure("nobody is logged in") }
            let org = try variable(world, "\(syndic).org")
            for row in try rows(of: step, columns: ["name", "lot", "as"]) {
                let (name, role) = (row["name"]!, row["as"]!)
                let invitation = try await world.send(
                    .post, "/api/v1/organizations/\(org)/invitations",
                    json: try json(["email": email(of: name), "role": role]), as: syndic)
                try expect(invitation.status.code == 201, "inviting \(name): \(String(buffer: invitation.body))")
                let token = JSONPath.lookup("token", in: try world.body(of: invitation)) as? String ?? ""
                let registered = try await world.send(
                    .post, "/api/v1/auth/register",
                    json: try json([
                        "email": email(of: name), "password": World.defaultPassword, "name": name.capitalized,
                        "invitation_token": token,
                    ]), anonymous: true)
                try expect(registered.status.code == 201, "registering \(name): \(String(buffer: registered.body))")
                try world.rememberSession(of: name, from: registered)
                let user = try variable(world, "\(name).id")
                let lot = try variable(world, "lot\(row["lot"]!)")
                world.currentPerson = syndic
                switch role {
                case "owner":
                    let owner = try await created(
                        world, .post, "/api/v1/owners", try json(["name": name.capitalized, "user_id": user]))
                    world.variables[name] = owner
                    _ = try await created(
                        world, .post, "/api/v1/lots/\(lot)/ownerships",
                        try json(["owner_id": owner, "share": "1", "start_date": "2020-01-01"]))
                case "occupant":
                    _ = try await created(
                        world, .post, "/api/v1/lots/\(lot)/occupants",
                        try json(["user_id": user, "start_date": "2020-01-01"]))
                default: throw StepFailure("\(name) must be an owner or an occupant, not \(role)")
                }
            }
        },
        // Each person sends the same booking at the same moment; the answers' statuses and codes
        // are kept for the next step.
        StepDefinition("{string} book {string} from {string} to {string} at once") { world, arguments, _ in
            let people = arguments[0].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let tokens = try people.map { try world.token(of: $0) }
            let (client, path) = (world.client, "/api/v1/resources/\(arguments[1])/bookings")
            let body = try json(["start": arguments[2], "end": arguments[3]])
            let answers = try await withThrowingTaskGroup(of: String.self) { group in
                for token in tokens {
                    group.addTask {
                        let response = try await client.executeRequest(
                            uri: path, method: .post,
                            headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                            body: ByteBuffer(string: body))
                        let json = (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) ?? [:]
                        let code = JSONPath.lookup("code", in: json) as? String
                        return "\(response.status.code)" + (code.map { " \($0)" } ?? "")
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            world.variables["answers"] = answers.sorted().joined(separator: ",")
        },
        StepDefinition("{int} of the answers is {int} and {int} are {int} {string}") { world, arguments, _ in
            let answers = try variable(world, "answers").split(separator: ",").map(String.init)
            let won = answers.filter { $0 == arguments[1] }.count
            let refused = answers.filter { $0 == "\(arguments[3]) \(arguments[4])" }.count
            try expect(
                won == Int(arguments[0]) && refused == Int(arguments[2]) && won + refused == answers.count,
                "the answers were \(answers)")
        },
    ]
}
