import Domain
import Foundation
import Testing

@Suite("Maintenance domain")
struct MaintenanceDomainTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func intervention(_ status: Intervention.Status) throws -> Intervention {
        try Intervention(
            id: InterventionID(UUID()), organizationID: OrganizationID(UUID()), title: "Job", description: nil,
            kind: .corrective, priority: .haute, equipementID: EquipementID(UUID()), buildingID: nil, clientID: nil,
            status: status, createdBy: nil, createdAt: now, dueAt: now.addingTimeInterval(3600), estimatedMinutes: nil)
    }

    @Test("Each action is allowed exactly from its states, and a refusal names the allowed next states")
    func stateMachine() throws {
        let expected: [Intervention.Status: Set<Intervention.Action>] = [
            .ouverte: [.assign, .cancel], .affectee: [.assign, .start, .cancel], .enCours: [.pause, .close, .cancel],
            .enAttente: [.resume, .close, .cancel], .cloturee: [.archive], .archivee: [], .annulee: [],
        ]
        for status in Intervention.Status.allCases {
            for action in Intervention.Action.allCases {
                var value = try intervention(status)
                if expected[status, default: []].contains(action) {
                    try value.apply(action, at: now)
                    #expect(value.status == action.to)
                } else {
                    #expect(throws: InterventionError.self, "\(action) from \(status)") {
                        try value.apply(action, at: now)
                    }
                }
            }
        }
        var closed = try intervention(.cloturee)
        #expect(throws: InterventionError.notEditable(status: .cloturee)) {
            try closed.edit(
                title: "x", description: nil, priority: nil, equipementID: nil, buildingID: nil, estimatedMinutes: nil,
                sla: .standard)
        }
    }

    @Test("Labour is hours × rate to the cent; closing needs a report and minutes")
    func closing() throws {
        var value = try intervention(.enCours)
        #expect(throws: DomainError.self) {
            try value.close(
                report: " ", actualMinutes: 10, partsCost: Money(minorUnits: 0), hourlyRate: Money(minorUnits: 4800),
                at: now)
        }
        try value.close(
            report: "ok", actualMinutes: 25, partsCost: Money(minorUnits: 1000), hourlyRate: Money(minorUnits: 4799),
            at: now.addingTimeInterval(7200))
        #expect(value.labourCost == Money(minorUnits: 2000))  // 25/60 × 47.99 = 19.9958…
        #expect(value.totalCost == Money(minorUnits: 3000))
        #expect(value.slaBreached(at: now))
    }

    @Test("Frequencies step by days, weeks and calendar months (end of month kept)")
    func frequencies() throws {
        let monthly = try Frequency(every: 1, unit: .months)
        #expect(monthly.advance(try CalendarDate(parsing: "2026-01-31")).description == "2026-02-28")
        #expect(monthly.advance(try CalendarDate(parsing: "2028-01-31")).description == "2028-02-29")
        #expect(
            try Frequency(every: 14, unit: .months).advance(try CalendarDate(parsing: "2026-11-15")).description
                == "2028-01-15")
        #expect(
            try Frequency(every: 2, unit: .weeks).advance(try CalendarDate(parsing: "2026-12-25")).description
                == "2027-01-08")
        #expect(
            try Frequency(every: 1, unit: .days).advance(try CalendarDate(parsing: "2026-03-28")).description
                == "2026-03-29")
        #expect(throws: DomainError.self) { try Frequency(every: 0, unit: .days) }
    }

    @Test("A plan missed for several periods is due once, at its latest date, the others skipped")
    func due() throws {
        let plan = try PreventivePlan(
            id: PreventivePlanID(UUID()), organizationID: OrganizationID(UUID()), equipementID: EquipementID(UUID()),
            title: "Contrôle", frequency: try Frequency(every: 1, unit: .months),
            nextDate: try CalendarDate(parsing: "2026-03-01"), checklist: [], createdAt: now)
        #expect(plan.due(on: try CalendarDate(parsing: "2026-02-28")) == nil)
        let due = try #require(plan.due(on: try CalendarDate(parsing: "2026-06-15")))
        #expect(due.date.description == "2026-06-01")
        #expect(due.skipped.map(\.description) == ["2026-03-01", "2026-04-01", "2026-05-01"])
        #expect(due.next.description == "2026-07-01")
    }
}
