import Application
import ArgumentParser
import Bootstrap
import Domain
import Foundation

/// Customers of an inspection centre race for its free slots: each customer account books one of
/// the slots at the same moment (customer i the slot i mod N), through `AppointmentService.book`.
/// It passes when exactly one booking is made per slot and every other request is refused as
/// taken (`slot_taken`, 409 over HTTP), never another error, never a lane or inspector twice.
struct AppointmentBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "appointments",
        abstract: "Customers book a centre's free slots at once: one booking per slot, the others refused as taken.")

    @OptionGroup var common: CommonOptions
    @Option(name: .long, help: "Customer accounts booking at once.") var customers = 100
    @Option(name: .long, help: "Free slots of 30 minutes (one lane, one inspector).") var slots = 10

    struct Output: Encodable {
        let database: String
        let customers: Int
        let slots: Int
        let made: Int
        let refused: Int
        let otherErrors: [String]
        let milliseconds: Double
        let slotsBookedTwice: Int
        let passed: Bool
    }

    func run() async throws {
        guard (2...1000).contains(customers), (1...40).contains(slots), slots <= customers else {
            throw ValidationError("--customers must be from 2 to 1000, --slots from 1 to 40 and at most --customers")
        }
        let (customerCount, slotCount) = (customers, slots)
        let output = try await common.withGestio { gestio in
            let organization = try await gestio.identity.createOrganization(
                name: "Bench \(UUID().uuidString.prefix(8))")
            let admin = Principal.operator(of: organization.id)
            let tag = organization.id.description.prefix(8)
            let inspector = try await gestio.identity.createUser(
                email: "bench-inspector-\(tag)@example.com", name: "Inspector", password: "correct-horse-battery",
                organization: organization.id, roles: [Role.inspector.rawValue])
            let centres = gestio.inspection.centres
            // Open around the clock on UTC time, holidays too; the inspector works the N slots
            // from 08:00 tomorrow.
            let days = WeeklyHours.weekdayNames
            let centre = try await centres.create(
                CentreInput(
                    name: "Bench centre", slug: "bench-\(tag.lowercased())", address: "Rue 1, 4000 Liège",
                    timeZone: "UTC", hours: Dictionary(uniqueKeysWithValues: days.map { ($0, ["00:00-24:00"]) }),
                    closedOnPublicHolidays: false), as: admin)
            _ = try await centres.addLane(name: "Piste 1", categories: ["M1"], to: centre.id, as: admin)
            let offer = try await centres.addOffer(
                OfferInput(kind: "periodic", name: "Contrôle", durations: ["M1": 30], price: "45.50", vatRate: "21"),
                to: centre.id, as: admin)
            let end = 8 * 60 + slotCount * 30
            let span = String(format: "08:00-%02d:%02d", end / 60, end % 60)
            _ = try await centres.setSchedule(
                ScheduleInput(
                    centreID: centre.id.rawValue, hours: Dictionary(uniqueKeysWithValues: days.map { ($0, [span]) }),
                    absences: [], categories: ["M1"]), of: inspector.user.id, as: admin)
            var principals: [Principal] = []
            for index in 0..<customerCount {
                let member = try await gestio.identity.createUser(
                    email: "bench-customer-\(index)-\(tag)@example.com", name: "Customer \(index)",
                    password: "correct-horse-battery", organization: organization.id,
                    roles: [Role.customer.rawValue])
                principals.append(
                    Principal(userID: member.user.id, organizationID: organization.id, roles: member.roles))
            }
            let tomorrow = (Date().timeIntervalSince1970 / 86_400).rounded(.down) * 86_400 + 86_400 + 8 * 3600
            let appointments = gestio.inspection.appointments
            let clock = ContinuousClock()
            let began = clock.now
            let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
                for (index, principal) in principals.enumerated() {
                    group.addTask {
                        let input = BookingInput(
                            centreID: centre.id.rawValue, serviceID: offer.id.rawValue,
                            vehicle: VehicleInput(plate: String(format: "1-BCH-%03d", index), category: "M1"),
                            slotStart: Date(timeIntervalSince1970: tomorrow + Double(index % slotCount) * 1800),
                            contact: nil)
                        do {
                            _ = try await appointments.book(input, as: principal)
                            return "made"
                        } catch InspectionError.slotTaken {
                            return "refused"
                        } catch {
                            return String(describing: error)
                        }
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            let elapsed = (clock.now - began).milliseconds
            let booked = try await appointments.appointments(
                AppointmentFilter(centre: centre.id), date: nil, page: try PageRequest(page: 1, perPage: 100), as: admin
            ).items.filter(\.status.holdsSlot)
            let twice = booked.count - Set(booked.map(\.start)).count
            let made = outcomes.filter { $0 == "made" }.count
            let refused = outcomes.filter { $0 == "refused" }.count
            let others = outcomes.filter { $0 != "made" && $0 != "refused" }
            return Output(
                database: gestio.persistence.dialect.rawValue, customers: customerCount, slots: slotCount, made: made,
                refused: refused, otherErrors: others, milliseconds: elapsed, slotsBookedTwice: twice,
                passed: made == slotCount && refused == customerCount - slotCount && others.isEmpty && twice == 0
                    && booked.count == slotCount)
        }
        try emit(output, json: common.json) {
            """
            \(output.database): \(output.customers) customers at once for \(output.slots) slots
              made: \(output.made), refused as taken: \(output.refused), other errors: \(output.otherErrors.count)
              time (ms): \((output.milliseconds * 10).rounded() / 10), slots booked twice: \(output.slotsBookedTwice)
            \(output.passed ? "passed" : "FAILED")
            """
        }
        if !output.passed { throw ExitCode.failure }
    }
}
