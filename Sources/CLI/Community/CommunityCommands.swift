import Application
import ArgumentParser
import Bootstrap
import Domain
import Foundation

/// Polls between assemblies from the command line, acting as the operator.
struct PollCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poll", abstract: "Polls of a building's owners between assemblies.",
        subcommands: [Create.self, Publish.self, Results.self])

    struct Line: Encodable {
        let id, buildingId, title, type, status: String
        let endsAt: Date
        let eligibleVoters, ballots: Int

        init(_ view: PollView) {
            id = view.poll.id.description
            buildingId = view.poll.buildingID.description
            title = view.poll.title
            type = view.poll.kind.rawValue
            status = view.poll.status.rawValue
            endsAt = view.poll.endsAt
            eligibleVoters = view.poll.eligibleVoters
            ballots = view.ballots
        }

        var text: String { "\(id)  \(status)  \(type)  \(title)  (\(ballots)/\(eligibleVoters) answers)" }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A draft poll of the building's owners.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "The building (id).") var building: String
        @Option(name: .long) var title: String
        @Option(name: .long, help: "yes_no, multiple_choice, rating or open_ended.") var type: String
        @Option(name: .customLong("option"), help: "An option (repeat; yes_no defaults to Oui and Non).")
        var options: [String] = []
        @Option(name: .customLong("ends-at"), help: "When it ends (ISO 8601, e.g. 2026-12-20T18:00:00Z).")
        var endsAt: String
        @Option(name: .long) var description: String?
        @Flag(name: .long, help: "Keep ballots without the owner.") var anonymous = false
        @Flag(name: .customLong("allow-multiple"), help: "Several options may be chosen.") var allowMultiple = false

        func run() async throws {
            let principal = try scope.principal
            let buildingID = try parseID(building, as: BuildingID.self, option: "--building")
            let input = PollInput(
                title: title, description: description, kind: type, options: options,
                allowMultiple: allowMultiple, anonymous: anonymous,
                endsAt: try RideCommands.instant(endsAt, option: "--ends-at"))
            let poll = try await scope.common.withGestio {
                try await $0.community.polls.create(input, in: buildingID, as: principal)
            }
            try emit(Line(poll), json: scope.common.json) { Line(poll).text }
        }
    }

    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Opens a poll: the building's owners of today become its voters and are told.")
        @OptionGroup var scope: OrganizationScope
        @Argument(help: "The poll (id).") var poll: String

        func run() async throws {
            let principal = try scope.principal
            let id = try parseID(poll, as: PollID.self, option: "poll")
            let view = try await scope.common.withGestio { try await $0.community.polls.publish(id, as: principal) }
            try emit(Line(view), json: scope.common.json) { Line(view).text }
        }
    }

    struct Results: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A poll's participation, each option's votes and the winner (or the tie).")
        @OptionGroup var scope: OrganizationScope
        @Argument(help: "The poll (id).") var poll: String

        struct Output: Encodable {
            struct Count: Encodable {
                let label: String
                let votes: Int
                let percent: Double
            }

            let pollId, title: String
            let eligibleVoters, ballots: Int
            let participation: Double
            let counts: [Count]
            let averageRating: Double?
            let winner: String?
            let tiedFor: [String]
        }

        func run() async throws {
            let principal = try scope.principal
            let id = try parseID(poll, as: PollID.self, option: "poll")
            let (found, results) = try await scope.common.withGestio {
                try await $0.community.polls.results(id, as: principal)
            }
            let output = Output(
                pollId: found.id.description, title: found.title, eligibleVoters: results.eligibleVoters,
                ballots: results.ballots, participation: results.participation,
                counts: results.counts.map { Output.Count(label: $0.label, votes: $0.votes, percent: $0.percent) },
                averageRating: results.averageRating, winner: results.winner?.label,
                tiedFor: results.tiedFor.map(\.label))
            try emit(output, json: scope.common.json) {
                var lines = [
                    "\(output.title): \(output.ballots) of \(output.eligibleVoters) owners answered "
                        + "(\(output.participation) %)"
                ]
                lines += output.counts.map { "  \($0.label): \($0.votes) (\($0.percent) %)" }
                if let average = output.averageRating { lines.append("  average: \(average)") }
                if let winner = output.winner {
                    lines.append("winner: \(winner)")
                } else if !output.tiedFor.isEmpty {
                    lines.append("tie: \(output.tiedFor.joined(separator: ", "))")
                }
                return lines.joined(separator: "\n")
            }
        }
    }
}

/// The notice board from the command line, acting as the operator (the building's manager).
struct NoticeCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notice", abstract: "The buildings' notice boards.", subcommands: [List.self, Publish.self])

    struct Line: Encodable {
        let id, buildingId, type, category, title, status: String
        let pinned: Bool

        init(_ notice: Notice) {
            id = notice.id.description
            buildingId = notice.buildingID.description
            type = notice.content.kind.rawValue
            category = notice.content.category.rawValue
            title = notice.content.title
            status = notice.status.rawValue
            pinned = notice.pinned
        }

        var text: String { "\(id)  \(status)\(pinned ? " (pinned)" : "")  \(type)/\(category)  \(title)" }
    }

    struct Output: Encodable {
        let data: [Line]
        let totalItems: Int
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A building's notices, pinned first then newest.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "The building (id).") var building: String
        @Option(name: .long, help: "draft, published, expired or archived.") var status: String?
        @Option(name: .long, help: "announcement, event, lost_and_found or classified_ad.") var type: String?
        @Option(name: .long) var category: String?
        @Option(name: .long) var page = 1
        @Option(name: .customLong("per-page")) var perPage = 100

        func run() async throws {
            let principal = try scope.principal
            let buildingID = try parseID(building, as: BuildingID.self, option: "--building")
            let request = try PageRequest(page: page, perPage: perPage)
            let found = try await scope.common.withGestio {
                try await $0.community.notices.list(
                    in: buildingID, status: status, type: type, category: category, pinned: nil, page: request,
                    as: principal)
            }
            let output = Output(data: found.items.map(Line.init), totalItems: found.totalItems)
            try emit(output, json: scope.common.json) {
                (output.data.map(\.text) + ["\(output.totalItems) notice(s)"]).joined(separator: "\n")
            }
        }
    }

    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publishes a draft notice: the building's owners are told.")
        @OptionGroup var scope: OrganizationScope
        @Argument(help: "The notice (id).") var notice: String

        func run() async throws {
            let principal = try scope.principal
            let id = try parseID(notice, as: NoticeID.self, option: "notice")
            let published = try await scope.common.withGestio {
                try await $0.community.notices.publish(id, as: principal)
            }
            try emit(Line(published), json: scope.common.json) { Line(published).text }
        }
    }
}
