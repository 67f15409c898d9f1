import Foundation

extension IsolationFixtures {
    /// A project of organization A with its general contractor as a member, a trade, two tasks
    /// (one after the other), a milestone, and the trade's provisional acceptance with one snag.
    static func construction(_ world: IsolationWorld) async throws {
        let project = try await world.make(
            "projects", "projects", #"{"name":"Maison Dupont","reference":"CH-1","client_name":"M. Dupont"}"#)
        let contractor = try world.userID("A", .entrepriseGenerale)
        try await world.expectSuccess(
            .post, "projects/\(project)/members", #"{"user_id":"\#(contractor)","role":"entreprise_generale"}"#)
        world.remember("members", contractor)
        let trade = try await world.make(
            "trades", "projects/\(project)/trades", #"{"name":"Gros œuvre","kind":"structural_work"}"#)
        let first = try await world.make(
            "tasks", "projects/\(project)/tasks", #"{"title":"Fondations","trade_id":"\#(trade)","duration_days":5}"#)
        let second = try await world.expectSuccess(
            .post, "projects/\(project)/tasks", #"{"title":"Élévation","duration_days":10}"#)
        let secondID = try IsolationWorld.value(JSONPath.lookup("id", in: second) as? String, "task")
        try await world.expectSuccess(.post, "tasks/\(secondID)/dependencies", #"{"predecessor_id":"\#(first)"}"#)
        try await world.make(
            "milestones", "projects/\(project)/milestones",
            #"{"name":"Hors d'eau","due_on":"2099-06-30","task_ids":["\#(first)"]}"#)
        let acceptance = try await world.expectSuccess(
            .post, "projects/\(project)/acceptances",
            #"{"trade_id":"\#(trade)","date":"2026-01-10","snags":[{"title":"Fissure du linteau","deadline":"2026-03-01"}]}"#
        )
        world.remember(
            "acceptances", try IsolationWorld.value(JSONPath.lookup("id", in: acceptance) as? String, "acceptance"))
        world.remember(
            "snags", try IsolationWorld.value(JSONPath.lookup("snags[0].id", in: acceptance) as? String, "snag"))
    }
}
