import Foundation

extension IsolationFixtures {
    /// A centre of organization A with a lane and a service, and its inspector's schedule there.
    static func inspection(_ world: IsolationWorld) async throws {
        let centre = try await world.make(
            "centres", "centres",
            #"{"name":"Contrôle Ixelles","slug":"ixelles-\#(UUID().uuidString.prefix(8).lowercased())","address":"Chaussée de Boondael 1, 1050 Ixelles","hours":{"monday":["08:00-17:00"]}}"#
        )
        try await world.expectSuccess(.post, "centres/\(centre)/lanes", #"{"name":"Piste 1","categories":["M1"]}"#)
        try await world.expectSuccess(
            .post, "centres/\(centre)/services",
            #"{"name":"Contrôle périodique","durations":{"M1":30},"price":"45.50"}"#)
        let inspector = try world.userID("A", .inspector)
        try await world.expectSuccess(
            .put, "inspectors/\(inspector)/schedule",
            #"{"centre_id":"\#(centre)","hours":{"monday":["08:00-17:00"]},"categories":["M1"]}"#)
        world.remember("inspectors", inspector)
    }
}
