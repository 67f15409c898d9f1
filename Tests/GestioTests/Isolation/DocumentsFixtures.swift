import Foundation

extension IsolationFixtures {
    static func documents(_ world: IsolationWorld) async throws {
        let boundary = "isolation-\(UUID().uuidString)"
        world.world.currentPerson = IsolationWorld.person("A", .admin)
        defer { world.world.currentPerson = nil }
        let response = try await world.world.send(
            .post, "/api/v1/documents",
            bytes: TestFiles.multipart(
                boundary: boundary, fields: [("title", "Plan A"), ("type", "plan")],
                file: ("plan-a.pdf", "application/pdf", TestFiles.pdf(saying: "Plan A"))),
            contentType: "multipart/form-data; boundary=\(boundary)")
        guard response.status == .created,
            let id = JSONPath.lookup("id", in: try world.world.body(of: response)) as? String
        else { throw StepFailure("uploading A's document: \(String(buffer: response.body))") }
        world.remember("documents", id)
        // `versions/{number}`: version 1 of that document (a number, not an id to look for in answers).
        world.ids["versions"] = "1"
    }
}
