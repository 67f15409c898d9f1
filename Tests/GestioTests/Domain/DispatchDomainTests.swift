import Domain
import Foundation
import Testing

@Suite("Dispatch domain")
struct DispatchDomainTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func ride(_ status: Commande.Status = .enAttente, minutes: Int = 45) throws -> Commande {
        try Commande(
            id: CommandeID(UUID()), organizationID: OrganizationID(UUID()), reference: "CMD-2027-000001",
            clientID: nil, pickup: "Gare centrale", destination: "Aéroport", pickupAt: now, durationMinutes: minutes,
            passengers: 2, luggage: 1, flight: nil, status: status, createdAt: now)
    }

    @Test("Each action is allowed exactly from its states, and a refusal names the allowed next states")
    func stateMachine() throws {
        let expected: [Commande.Status: Set<Commande.Action>] = [
            .enAttente: [.offer, .cancel], .proposee: [.offer, .accept, .refuse, .cancel],
            .assignee: [.offer, .start, .cancel], .enCours: [.finish], .terminee: [], .annulee: [],
        ]
        for status in Commande.Status.allCases {
            for action in Commande.Action.allCases {
                var value = try ride(status)
                if expected[status, default: []].contains(action) {
                    try value.apply(action, at: now.addingTimeInterval(60))
                    #expect(value.status == action.to)
                    #expect(value.updatedAt == now.addingTimeInterval(60))
                } else {
                    #expect(throws: DispatchError.self, "\(action) from \(status)") {
                        try value.apply(action, at: now)
                    }
                    #expect(value.status == status)
                }
            }
        }
        var finished = try ride(.terminee)
        #expect(
            throws: DispatchError.illegalTransition(from: .terminee, requested: .annulee, allowed: [])
        ) { try finished.cancel(reason: nil, at: now) }
        let offered = try ride(.proposee)
        #expect(offered.allowedActions.map(\.to) == [.proposee, .assignee, .enAttente, .annulee])
    }

    @Test("A refusal puts the ride back in the pool without its taxi and driver; an offer binds both")
    func offerAndRefuse() throws {
        var value = try ride()
        let (taxi, driver) = (TaxiID(UUID()), UserID(UUID()))
        try value.offer(to: taxi, driver: driver, at: now)
        #expect(value.status == .proposee && value.taxiID == taxi && value.driverID == driver)
        #expect(!value.holdsTaxi)
        try value.apply(.refuse, at: now)
        #expect(value.status == .enAttente && value.taxiID == nil && value.driverID == nil)
        try value.offer(to: taxi, driver: driver, at: now)
        try value.apply(.accept, at: now)
        #expect(value.holdsTaxi)
    }

    @Test("The taxi is held from pickup for the ride's duration; a started or finished ride is not editable")
    func windowAndEdits() throws {
        let value = try ride(minutes: 45)
        #expect(value.window == now..<now.addingTimeInterval(45 * 60))
        var started = try ride(.enCours)
        #expect(throws: DispatchError.notEditable(status: .enCours)) {
            try started.edit(
                clientID: nil, pickup: "Ailleurs", destination: nil, pickupAt: nil, durationMinutes: nil,
                passengers: nil, luggage: nil, flight: nil, at: now)
        }
        var waiting = try ride()
        try waiting.edit(
            clientID: nil, pickup: nil, destination: "Gare du Midi", pickupAt: nil, durationMinutes: 30, passengers: 8,
            luggage: nil, flight: .some("SN3721"), at: now)
        #expect(waiting.destination == "Gare du Midi" && waiting.durationMinutes == 30 && waiting.flight == "SN3721")
    }

    @Test("Durations, passengers, luggage and addresses are bounded, naming the input as Swift decodes it")
    func validation() throws {
        for (minutes, passengers, luggage, pickup, field) in [
            (4, 1, 0, "Gare", "dureeMinutes"), (1441, 1, 0, "Gare", "dureeMinutes"), (30, 0, 0, "Gare", "passagers"),
            (30, 9, 0, "Gare", "passagers"), (30, 1, 21, "Gare", "bagages"), (30, 1, 0, "  ", "priseEnCharge"),
        ] {
            do {
                _ = try Commande(
                    id: CommandeID(UUID()), organizationID: OrganizationID(UUID()), reference: "CMD-2027-000001",
                    clientID: nil, pickup: pickup, destination: "Aéroport", pickupAt: now, durationMinutes: minutes,
                    passengers: passengers, luggage: luggage, flight: nil, createdAt: now)
                Issue.record("accepted \(field)")
            } catch DomainError.invalidValue(let named, _) {
                #expect(named == field)
            }
        }
    }

    @Test("References are CMD-year-number on six digits; an offer is answered once")
    func referencesAndOffers() throws {
        #expect(Commande.reference(year: 2027, number: 42) == "CMD-2027-000042")
        #expect(Commande.reference(year: 2027, number: 1_234_567) == "CMD-2027-1234567")
        var offer = Demande(
            id: DemandeID(UUID()), organizationID: OrganizationID(UUID()), commandeID: CommandeID(UUID()),
            taxiID: TaxiID(UUID()), driverID: UserID(UUID()), createdAt: now)
        try offer.answer(.refusee, reason: "Trop loin", at: now)
        #expect(offer.status == .refusee && offer.reason == "Trop loin" && offer.answeredAt == now)
        #expect(throws: DispatchError.demandeClosed(status: .refusee)) { try offer.answer(.acceptee, at: now) }
    }
}
