import Application
import Domain
import Foundation
import Hummingbird

struct CollectionPolicyRequest: Decodable {
    struct Rate: Decodable {
        let year: Int
        let rate: RateInput
    }

    struct Fees: Decodable {
        let first: AmountInput?
        let second: AmountInput?
        let formalNotice: AmountInput?
    }

    let interestFrom: String?
    let rates: [Rate]?
    let fees: Fees?
    let automatic: Bool?

    func input() throws -> CollectionPolicyInput {
        CollectionPolicyInput(
            interestFrom: interestFrom,
            rates: try (rates ?? []).enumerated().map { index, entry in
                (entry.year, try InterestRate(basisPoints: entry.rate.rate.basisPoints, field: "rates[\(index)].rate"))
            },
            fees: [
                (ReminderLevel.first, fees?.first), (.second, fees?.second), (.formalNotice, fees?.formalNotice),
            ].compactMap { level, amount in amount.map { (level.rawValue, $0.money) } },
            automatic: automatic)
    }
}

struct CollectionPolicyResponse: ResponseEncodable {
    struct Rate: Encodable {
        let year: Int
        let rate: String
    }

    struct Fees: Encodable {
        let first, second, formalNotice: String
    }

    let interestFrom: String
    let rates: [Rate]
    let fees: Fees
    let automatic: Bool
    /// This year's rate, the building's own or the legal one.
    let currentRate: Rate
    let currentRateIsLegal: Bool

    init(_ policy: CollectionPolicy, year: Int) {
        interestFrom = policy.interestStart.rawValue
        rates = policy.rates.sorted { $0.key < $1.key }.map { Rate(year: $0.key, rate: $0.value.description) }
        fees = Fees(
            first: policy.fee(at: .first).decimalString, second: policy.fee(at: .second).decimalString,
            formalNotice: policy.fee(at: .formalNotice).decimalString)
        automatic = policy.automatic
        currentRate = Rate(year: year, rate: policy.rate(in: year).description)
        currentRateIsLegal = policy.rates[year] == nil
    }
}

struct ArrearResponse: Encodable {
    let ownerId, ownerName, amount, oldestDueDate, interest, collectionCosts: String
    let daysOverdue, contributions: Int
    let level: String?
    let forBailiff: Bool

    init(_ arrear: Arrear) {
        ownerId = arrear.ownerID.description
        ownerName = arrear.ownerName
        amount = arrear.amount.decimalString
        oldestDueDate = arrear.oldestDueDate.description
        interest = arrear.interest.decimalString
        collectionCosts = arrear.collectionCosts.decimalString
        daysOverdue = arrear.daysOverdue
        contributions = arrear.contributions
        level = arrear.level?.rawValue
        forBailiff = arrear.forBailiff
    }
}

struct ArrearsResponse: ResponseEncodable {
    let buildingId: String
    let total: String
    let data: [ArrearResponse]
}

struct DuesReminderResponse: ResponseEncodable {
    let id, buildingId, callId, ownerId, ownerName, level, status: String
    let amount, fee, interest, total, dueDate, createdOn: String
    let daysOverdue: Int
    let interestFrom, sentOn, closedOn, trackingNumber, documentId, feeEntryId: String?
    let forBailiff: Bool
    let createdAt: Date

    init(_ view: DuesReminderView) {
        let reminder = view.reminder
        id = reminder.id.description
        buildingId = reminder.buildingID.description
        callId = reminder.callID.description
        ownerId = reminder.ownerID.description
        ownerName = view.ownerName
        level = reminder.level.rawValue
        status = reminder.status.rawValue
        amount = reminder.amount.decimalString
        fee = reminder.fee.decimalString
        interest = view.interest.decimalString
        total = view.total.decimalString
        dueDate = reminder.dueDate.description
        createdOn = reminder.createdOn.description
        daysOverdue = view.daysOverdue
        interestFrom = view.interestFrom?.description
        sentOn = reminder.sentOn?.description
        closedOn = reminder.closedOn?.description
        trackingNumber = reminder.trackingNumber?.value
        documentId = reminder.documentID?.description
        feeEntryId = reminder.feeEntryID?.description
        forBailiff = reminder.forBailiff
        createdAt = reminder.createdAt
    }
}

struct ReminderRunResponse: ResponseEncodable {
    let created: Int
    let escalated: Int
    let sent: Int
    let data: [DuesReminderResponse]

    init(_ run: ReminderRun) {
        created = run.created.count
        escalated = run.escalated
        sent = run.sent
        data = run.created.map(DuesReminderResponse.init)
    }
}

struct EscalationResponse: ResponseEncodable {
    let escalated: DuesReminderResponse
    let next: DuesReminderResponse?
}

struct ReminderRequest: Decodable {
    let callId: UUID?
    let ownerId: UUID?
    let level: String?
}

struct TrackingRequest: Decodable {
    let trackingNumber: String?
}

/// Owners who do not pay: the building's collection rules, its arrears and the reminders.
struct ReminderRoutes {
    let service: ReminderService

    func add(to group: RouterGroup<AuthenticatedContext>) {
        group.get("buildings/{id}/collection-policy") { _, context in
            CollectionPolicyResponse(
                try await service.policy(
                    of: try context.parameters.id(as: BuildingID.self, entity: "building"), as: context.principal),
                year: service.currentYear)
        }
        group.put("buildings/{id}/collection-policy") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            let body = try await request.decodeJSON(CollectionPolicyRequest.self, context: context)
            return CollectionPolicyResponse(
                try await service.setPolicy(of: building, try body.input(), as: context.principal),
                year: service.currentYear)
        }
        group.get("buildings/{id}/arrears") { _, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            let arrears = try await service.arrears(of: building, as: context.principal)
            return ArrearsResponse(
                buildingId: building.description,
                total: Money(minorUnits: arrears.reduce(0) { $0 + $1.amount.minorUnits }).decimalString,
                data: arrears.map(ArrearResponse.init))
        }
        group.post("buildings/{id}/dues-reminders") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            let body = try await request.decodeJSON(ReminderRequest.self, context: context)
            return EditedResponse(
                status: .created,
                response: DuesReminderResponse(
                    try await service.create(
                        in: building, call: body.callId.map(CallForFundsID.init), owner: body.ownerId.map(OwnerID.init),
                        level: body.level, as: context.principal)))
        }
        group.post("buildings/{id}/dues-reminders/run") { _, context in
            ReminderRunResponse(
                try await service.run(
                    in: try context.parameters.id(as: BuildingID.self, entity: "building"), as: context.principal))
        }
        group.get("buildings/{id}/dues-reminders") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            let filter = ReminderFilter(
                ownerID: try request.idQuery("owner_id", as: OwnerID.self),
                status: try request.enumQuery("status", as: DuesReminder.Status.self))
            return ListResponse(
                try await service.reminders(
                    of: building, filter: filter, page: try request.pageRequest(), as: context.principal),
                DuesReminderResponse.init)
        }
        group.get("dues-reminders/{id}") { _, context in
            DuesReminderResponse(try await service.reminder(try reminderID(context), as: context.principal))
        }
        group.post("dues-reminders/{id}/send") { _, context in
            DuesReminderResponse(try await service.send(try reminderID(context), as: context.principal))
        }
        group.post("dues-reminders/{id}/escalate") { _, context in
            let (escalated, next) = try await service.escalate(try reminderID(context), as: context.principal)
            return EscalationResponse(
                escalated: DuesReminderResponse(escalated), next: next.map(DuesReminderResponse.init))
        }
        group.post("dues-reminders/{id}/cancel") { _, context in
            DuesReminderResponse(try await service.cancel(try reminderID(context), as: context.principal))
        }
        group.put("dues-reminders/{id}/tracking-number") { request, context in
            let id = try reminderID(context)
            let body = try await request.decodeJSON(TrackingRequest.self, context: context)
            return DuesReminderResponse(
                try await service.track(id, number: body.trackingNumber, as: context.principal))
        }
    }

    private func reminderID(_ context: AuthenticatedContext) throws -> DuesReminderID {
        try context.parameters.id(as: DuesReminderID.self, entity: "dues_reminder")
    }
}
