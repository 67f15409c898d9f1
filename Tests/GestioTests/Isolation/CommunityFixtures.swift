import Foundation

extension IsolationFixtures {
    /// The occupant of organization A linked to its lot; a poll, a skill, an object, a notice, a
    /// bookable room and a booking of its building.
    static func community(_ world: IsolationWorld) async throws {
        let lot = try IsolationWorld.value(world.ids["lots"], "lot")
        try await world.make(
            "occupancies", "lots/\(lot)/occupants",
            #"{"user_id":"\#(try world.userID("A", .occupant))","start_date":"2026-01-01"}"#, as: .syndic)
        let building = try IsolationWorld.value(world.ids["buildings"], "building")
        try await world.make(
            "polls", "buildings/\(building)/polls",
            #"{"title":"Repeindre le hall ?","type":"yes_no","ends_at":"2099-12-31T18:00:00Z"}"#, as: .syndic)
        let skill = try await world.make(
            "skills", "buildings/\(building)/skills",
            #"{"name":"Plomberie","category":"home_repair","level":"advanced"}"#, as: .syndic)
        try await world.make("skill-sessions", "skills/\(skill)/sessions", #"{"hours":1}"#, as: .occupant)
        try await world.make(
            "shared-objects", "buildings/\(building)/shared-objects",
            #"{"name":"Perceuse","category":"tools","deposit":10,"daily_rate":1}"#, as: .syndic)
        try await world.make(
            "notices", "buildings/\(building)/notices",
            #"{"type":"announcement","title":"Nettoyage des caves","content":"Samedi matin."}"#, as: .syndic)
        let room = try await world.make(
            "resources", "buildings/\(building)/resources", #"{"name":"Salle commune","kind":"meeting_room"}"#,
            as: .syndic)
        // A booking the day after tomorrow, on the hour, by the syndic.
        let hour = (world.world.clock.now().timeIntervalSince1970 / 3600).rounded(.down) * 3600
        let start = Date(timeIntervalSince1970: hour + 2 * 86_400)
        let booked = try await world.expectSuccess(
            .post, "resources/\(room)/bookings",
            #"{"start":"\#(start.formatted(.iso8601))","end":"\#(start.addingTimeInterval(3600).formatted(.iso8601))"}"#,
            as: .syndic)
        world.remember(
            "bookings", try IsolationWorld.value(JSONPath.lookup("data[0].id", in: booked) as? String, "booking"))
    }
}
