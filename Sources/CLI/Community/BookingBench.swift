import Application
import ArgumentParser
import Bootstrap
import Domain
import Foundation

/// Owners of a building, each with an account linked to their owner record, book the same hour
/// of one room at the same moment, round after round: exactly one booking is made each round and
/// every other request is refused as overlapping (`booking_conflict`, 409 over HTTP), never two
/// bookings of one slot and never another error.
struct BookingBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bookings",
        abstract: "Owners book the same hour of one room at once: one wins, the others are refused as overlapping.")

    @OptionGroup var common: CommonOptions
    @Option(name: .long, help: "Owners booking at once (each owns one lot).") var owners = 50
    @Option(name: .long, help: "Rounds, each on the next hour.") var rounds = 5

    struct Output: Encodable {
        let database: String
        let owners: Int
        let rounds: Int
        /// Per round: bookings made, requests refused as overlapping, other errors.
        let made: [Int]
        let refused: [Int]
        let otherErrors: [String]
        let roundMilliseconds: [Double]
        let slotsBookedTwice: Int
        let passed: Bool
    }

    func run() async throws {
        guard (2...500).contains(owners), (1...12).contains(rounds) else {
            throw ValidationError("--owners must be from 2 to 500, --rounds from 1 to 12")
        }
        let (ownerCount, roundCount) = (owners, rounds)
        let output = try await common.withGestio { gestio in
            let (syndic, building) = try await benchBuilding(gestio, tantiemes: ownerCount * 10)
            var principals: [Principal] = []
            for index in 0..<ownerCount {
                let lot = try await gestio.coOwnership.addLot(
                    to: building.id,
                    LotInput(number: "L\(index)", kind: "apartment", floor: nil, surface: nil, tantiemes: 10),
                    as: syndic)
                let member = try await gestio.identity.createUser(
                    email: "bench-owner-\(index)-\(building.id.description.prefix(8))@example.com",
                    name: "Owner \(index)", password: "correct-horse-battery", organization: syndic.organizationID,
                    roles: [Role.owner.rawValue])
                let owner = try await gestio.coOwnership.createOwner(
                    OwnerInput(name: "Owner \(index)", userID: member.user.id.rawValue), as: syndic)
                _ = try await gestio.coOwnership.addOwnership(
                    to: lot.id, owner: owner.id, share: "1", startDate: "2020-01-01", as: syndic)
                principals.append(
                    Principal(userID: member.user.id, organizationID: syndic.organizationID, roles: member.roles))
            }
            let bookings = gestio.community.bookings
            let room = try await bookings.createResource(
                ResourceInput(name: "Salle commune", kind: "meeting_room"), in: building.id, as: syndic)
            _ = try await bookings.setPolicy(room.id, BookingPolicyInput(maxActivePerResident: 50), as: syndic)
            // Tomorrow on the hour, then the hours after it.
            let hour = (Date().timeIntervalSince1970 / 3600).rounded(.down) * 3600 + 86_400
            var made: [Int] = []
            var refused: [Int] = []
            var others: [String] = []
            var timings: [Double] = []
            for round in 0..<roundCount {
                let start = Date(timeIntervalSince1970: hour + Double(round) * 3600)
                let clock = ContinuousClock()
                let began = clock.now
                let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
                    for principal in principals {
                        group.addTask {
                            do {
                                _ = try await bookings.book(
                                    room.id, start: start, end: start.addingTimeInterval(3600), as: principal)
                                return "made"
                            } catch CommunityError.bookingConflict {
                                return "refused"
                            } catch {
                                return String(describing: error)
                            }
                        }
                    }
                    return try await group.reduce(into: [String]()) { $0.append($1) }
                }
                timings.append((clock.now - began).milliseconds)
                made.append(outcomes.filter { $0 == "made" }.count)
                refused.append(outcomes.filter { $0 == "refused" }.count)
                others += outcomes.filter { $0 != "made" && $0 != "refused" }
            }
            let day = CalendarDate(dayOf: Date(timeIntervalSince1970: hour), in: building.zone)
            let stored = try await bookings.bookings(of: room.id, from: day, to: day.adding(days: 1), as: syndic)
            let twice = stored.count - Set(stored.map(\.start)).count
            return Output(
                database: gestio.persistence.dialect.rawValue, owners: ownerCount, rounds: roundCount, made: made,
                refused: refused, otherErrors: others, roundMilliseconds: timings, slotsBookedTwice: twice,
                passed: made.allSatisfy { $0 == 1 } && refused.allSatisfy { $0 == ownerCount - 1 } && others.isEmpty
                    && twice == 0)
        }
        try emit(output, json: common.json) {
            """
            \(output.database): \(output.owners) owners at once, \(output.rounds) rounds
              made per round: \(output.made), refused as overlapping: \(output.refused), other errors: \(output.otherErrors.count)
              round times (ms): \(output.roundMilliseconds.map { ($0 * 10).rounded() / 10 })
              slots booked twice: \(output.slotsBookedTwice)
            \(output.passed ? "passed" : "FAILED")
            """
        }
        if !output.passed { throw ExitCode.failure }
    }
}
