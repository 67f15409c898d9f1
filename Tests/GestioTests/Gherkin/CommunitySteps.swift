import Foundation

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
        }
    ]
}
