import Application
import Domain
import Foundation
import SQLAdapters
import Testing

/// The governance repositories (assemblies with their agenda, roll, attendance and proxies;
/// resolutions and votes; the register; lot representatives; notice settings), on SQLite and
/// (when configured) PostgreSQL.
@Suite("Governance repository contract")
struct GovernanceContractTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000.5)

    struct Scene {
        let organization: OrganizationID
        let user: UserID
        let building: Building
        let lots: [Lot]
        let owners: [Owner]
    }

    func day(_ text: String) -> CalendarDate { try! CalendarDate(parsing: text) }

    /// A building of 1000 with lots A 600 and B 400, owned by Anne (linked to the user) and Bruno.
    func withStore(_ database: TestDatabase, _ body: (SQLPersistence, Scene) async throws -> Void) async throws {
        try await database.withStore { store in
            let organization = Organization(id: OrganizationID(UUID()), name: "ACP", createdAt: now)
            let user = User(
                id: UserID(UUID()), email: try Email("anne@example.com"), name: "Anne", passwordHash: "h",
                isActive: true, createdAt: now)
            let building = try Building(
                id: BuildingID(UUID()), organizationID: organization.id, name: "Les Tilleuls", address: "Rue 1",
                city: "Liège", postalCode: "4000", country: "BE", totalTantiemes: 1000, createdAt: now)
            let lots = try [("A", 600), ("B", 400)].map {
                try Lot(
                    id: LotID(UUID()), buildingID: building.id, number: $0.0, kind: .apartment, floor: nil,
                    surfaceHundredths: nil, tantiemes: $0.1, createdAt: now)
            }
            let owners = try [("Anne", user.id as UserID?), ("Bruno", nil)].map {
                try Owner(
                    id: OwnerID(UUID()), organizationID: organization.id, kind: .natural, name: $0.0, email: nil,
                    phone: nil, address: nil, userID: $0.1, createdAt: now)
            }
            try await store.write { repos in
                try await repos.organizations.insert(organization)
                try await repos.users.insert(user)
                try await repos.buildings.insert(building)
                for lot in lots { try await repos.lots.insert(lot) }
                for owner in owners { try await repos.owners.insert(owner) }
                for (lot, owner) in zip(lots, owners) {
                    try await repos.ownerships.insert(
                        try Ownership(
                            id: OwnershipID(UUID()), lotID: lot.id, ownerID: owner.id, share: .whole,
                            startDate: day("2020-01-01")))
                }
            }
            try await body(
                store,
                Scene(organization: organization.id, user: user.id, building: building, lots: lots, owners: owners))
        }
    }

    func assembly(_ scene: Scene, on date: String, status: GeneralAssembly.Status = .draft) throws -> GeneralAssembly {
        try GeneralAssembly(
            id: AssemblyID(UUID()), organizationID: scene.organization, buildingID: scene.building.id,
            kind: .ordinary, date: day(date), startTime: "19:30", place: "Salle", videoLink: nil, chair: "Anne",
            secretary: "Marc", status: status, createdAt: now)
    }

    @Test(
        "An assembly round-trips with its quorum and signatures; a building's list is newest first",
        arguments: TestDatabase.enabled)
    func assemblies(_ database: TestDatabase) async throws {
        try await withStore(database) { store, scene in
            let planned = try assembly(scene, on: "2026-03-23")
            let second = try assembly(scene, on: "2027-03-22")
            try await store.write { repos in
                try await repos.assemblies.insert(planned)
                try await repos.assemblies.insert(second)
            }
            #expect(try await store.read { try await $0.assemblies.find(planned.id) } == planned)
            var first = planned
            try first.convene(on: day("2026-03-06"), noticeDays: 15, calendar: .belgium)
            try first.open(
                with: QuorumCheck(
                    headsPresent: 2, headsTotal: 2, sharesPresent: 1000, sharesTotal: 1000, rule: .headsAndShares))
            try first.perform(.close)
            try first.signMinutes(by: ["Anne", "Marc", "Bruno"], at: now)
            let signed = first
            try await store.write { try await $0.assemblies.update(signed) }
            let found = try await store.read { try await $0.assemblies.find(signed.id) }
            #expect(found == signed)
            #expect(found?.quorum?.rule == .headsAndShares && found?.minutesSignedBy == ["Anne", "Marc", "Bruno"])
            let page = try await store.read { try await $0.assemblies.list(of: scene.building.id, page: PageRequest()) }
            #expect(page.items.map(\.id) == [second.id, signed.id] && page.totalItems == 2)
        }
    }

    @Test(
        "The agenda keeps its order; the roll, its names, attendance and proxies round-trip",
        arguments: TestDatabase.enabled)
    func meeting(_ database: TestDatabase) async throws {
        try await withStore(database) { store, scene in
            let assembly = try assembly(scene, on: "2026-03-23")
            let items = try (1...2).map {
                try AgendaItem(
                    id: AgendaItemID(UUID()), assemblyID: assembly.id, position: $0, title: "Point \($0)",
                    explanation: $0 == 1 ? "Devis joints" : nil, decisionType: .commonPartsWorks, majority: nil,
                    majorityReason: nil, proposedBy: nil, budgetID: nil, fiscalYear: nil, createdAt: now)
            }
            let (anne, bruno) = (scene.owners[0].id, scene.owners[1].id)
            let roll = AssemblyRoll(
                lots: [
                    .init(lotID: scene.lots[0].id, number: "A", tantiemes: 600, voter: anne),
                    .init(lotID: scene.lots[1].id, number: "B", tantiemes: 400, voter: nil),
                ])
            let proxy = try Proxy(
                id: ProxyID(UUID()), assemblyID: assembly.id, principal: bruno, holder: .owner(anne),
                holderName: "Anne",
                documentID: nil, createdAt: now)
            try await store.write { repos in
                try await repos.assemblies.insert(assembly)
                for item in items.reversed() { try await repos.assemblies.insert(item) }
                try await repos.assemblies.saveRoll(roll, names: [anne: "Anne"], of: assembly.id)
                try await repos.assemblies.setAttendance([anne: .present, bruno: .represented], of: assembly.id)
                try await repos.assemblies.insert(proxy)
            }
            let stored = try await store.read { repos in
                (
                    agenda: try await repos.assemblies.agenda(of: assembly.id),
                    item: try await repos.assemblies.agendaItem(items[0].id),
                    roll: try await repos.assemblies.roll(of: assembly.id),
                    names: try await repos.assemblies.voterNames(of: assembly.id),
                    linked: try await repos.assemblies.voters(linkedTo: scene.user, in: assembly.id),
                    attendance: try await repos.assemblies.attendance(of: assembly.id),
                    proxies: try await repos.assemblies.proxies(of: assembly.id)
                )
            }
            #expect(stored.agenda == items && stored.item == items[0] && stored.roll == roll)
            #expect(stored.names == [anne: "Anne"] && stored.linked == [anne])
            #expect(stored.attendance == [anne: .present, bruno: .represented] && stored.proxies == [proxy])
            // Saving the roll again replaces it; attendance is replaced as a whole.
            try await store.write { repos in
                try await repos.assemblies.saveRoll(
                    AssemblyRoll(lots: [roll.lots[0]]), names: [anne: "Anne"], of: assembly.id)
                try await repos.assemblies.setAttendance([anne: .absent], of: assembly.id)
            }
            #expect(try await store.read { try await $0.assemblies.roll(of: assembly.id) }.lots.count == 1)
            #expect(try await store.read { try await $0.assemblies.attendance(of: assembly.id) } == [anne: .absent])
            // One proxy per principal and assembly.
            await #expect(throws: (any Error).self) {
                try await store.write { repos in
                    try await repos.assemblies.insert(
                        try Proxy(
                            id: ProxyID(UUID()), assemblyID: assembly.id, principal: bruno, holder: .person("x"),
                            holderName: "X", documentID: nil, createdAt: now))
                }
            }
        }
    }

    @Test(
        "A vote is replaced, not doubled; a closed resolution keeps its tally",
        arguments: TestDatabase.enabled)
    func resolutions(_ database: TestDatabase) async throws {
        try await withStore(database) { store, scene in
            let assembly = try assembly(scene, on: "2026-03-23")
            let item = try AgendaItem(
                id: AgendaItemID(UUID()), assemblyID: assembly.id, position: 1, title: "Toiture", explanation: nil,
                decisionType: .commonPartsWorks, majority: nil, majorityReason: nil, proposedBy: nil, budgetID: nil,
                fiscalYear: nil, createdAt: now)
            let (anne, bruno) = (scene.owners[0].id, scene.owners[1].id)
            let resolution = try Resolution(
                id: ResolutionID(UUID()), organizationID: scene.organization, assemblyID: assembly.id,
                agendaItemID: item.id, text: "Rénover", majority: .twoThirds, excluded: [bruno], createdAt: now)
            let open = try Resolution(
                id: ResolutionID(UUID()), organizationID: scene.organization, assemblyID: assembly.id,
                agendaItemID: item.id, text: "Autre", majority: .twoThirds, excluded: [],
                createdAt: now.addingTimeInterval(1))
            try await store.write { repos in
                try await repos.assemblies.insert(assembly)
                try await repos.assemblies.insert(item)
                try await repos.resolutions.insert(resolution)
                try await repos.resolutions.insert(open)
                try await repos.resolutions.record(
                    Vote(
                        resolutionID: resolution.id, voter: anne, ballot: .no, weight: 600, castBy: scene.user,
                        castAt: now))
                try await repos.resolutions.record(
                    Vote(
                        resolutionID: resolution.id, voter: anne, ballot: .yes, weight: 600, castBy: scene.user,
                        castAt: now))
            }
            let votes = try await store.read { try await $0.resolutions.votes(on: resolution.id) }
            #expect(votes.map(\.ballot) == [.yes] && votes.map(\.voter) == [anne])
            let tally = VoteTally(
                majority: .twoThirds, yes: 600, no: 0, abstain: 0, yesHeads: 1, noHeads: 0, abstainHeads: 0,
                cuts: [anne: 25], excludedWeight: 400, base: 600, adopted: true)
            var closing = resolution
            try closing.close(with: tally, at: now)
            let closed = closing
            try await store.write { try await $0.resolutions.update(closed) }
            #expect(try await store.read { try await $0.resolutions.find(closed.id) } == closed)
            #expect(
                try await store.read { try await $0.resolutions.resolutions(of: assembly.id) }.map(\.id) == [
                    closed.id, open.id,
                ])
        }
    }

    @Test(
        "Representatives and the notice are set once per lot and building, and replaced",
        arguments: TestDatabase.enabled)
    func settings(_ database: TestDatabase) async throws {
        try await withStore(database) { store, scene in
            let (anne, bruno) = (scene.owners[0].id, scene.owners[1].id)
            try await store.write { repos in
                try await repos.lotRepresentatives.name(anne, for: scene.lots[0].id, at: now)
                try await repos.lotRepresentatives.name(bruno, for: scene.lots[0].id, at: now)
                try await repos.governanceSettings.save(
                    try GovernanceSettings(noticeDays: 20, assemblyPeriodStart: try MonthDay(parsing: "06-01")),
                    of: scene.building.id)
                try await repos.governanceSettings.save(
                    try GovernanceSettings(noticeDays: 21, assemblyPeriodStart: nil, remoteParticipation: true),
                    of: scene.building.id)
            }
            #expect(
                try await store.read { try await $0.lotRepresentatives.representatives(in: scene.building.id) }
                    == [scene.lots[0].id: bruno])
            #expect(
                try await store.read { try await $0.governanceSettings.settings(of: scene.building.id) }
                    == (try GovernanceSettings(noticeDays: 21, assemblyPeriodStart: nil, remoteParticipation: true)))
            #expect(try await store.read { try await $0.governanceSettings.settings(of: BuildingID(UUID())) } == nil)
        }
    }

    @Test(
        "Mandates list by start; ending syndic mandates are found once flagged; proposals wait until placed",
        arguments: TestDatabase.enabled)
    func mandatesAndProposals(_ database: TestDatabase) async throws {
        try await withStore(database) { store, scene in
            let assembly = try assembly(scene, on: "2026-03-23")
            let item = try AgendaItem(
                id: AgendaItemID(UUID()), assemblyID: assembly.id, position: 1, title: "Syndic", explanation: nil,
                decisionType: .syndicAppointment, majority: nil, majorityReason: nil, proposedBy: nil, budgetID: nil,
                fiscalYear: nil, createdAt: now)
            let resolution = try Resolution(
                id: ResolutionID(UUID()), organizationID: scene.organization, assemblyID: assembly.id,
                agendaItemID: item.id, text: "Désigner", majority: .absolute, excluded: [], createdAt: now)
            let syndic = try Mandate(
                id: MandateID(UUID()), organizationID: scene.organization, buildingID: scene.building.id, role: .syndic,
                ownerID: nil, holderName: "Syndic Dupont", startsOn: day("2026-03-23"), endsOn: day("2029-03-23"),
                resolutionID: resolution.id, createdAt: now)
            let board = try Mandate(
                id: MandateID(UUID()), organizationID: scene.organization, buildingID: scene.building.id,
                role: .boardMember, ownerID: scene.owners[0].id, holderName: "Anne", startsOn: day("2026-03-24"),
                endsOn: day("2027-03-23"), resolutionID: resolution.id, createdAt: now)
            let proposal = try AgendaProposal(
                id: AgendaProposalID(UUID()), organizationID: scene.organization, buildingID: scene.building.id,
                title: "Local vélos", explanation: nil, decisionType: .commonPartsWorks, proposedBy: "Anne",
                proposerUserID: scene.user, receivedOn: day("2026-02-01"), assemblyID: nil, createdAt: now)
            try await store.write { repos in
                try await repos.assemblies.insert(assembly)
                try await repos.assemblies.insert(item)
                try await repos.resolutions.insert(resolution)
                try await repos.mandates.insert(board)
                try await repos.mandates.insert(syndic)
                try await repos.agendaProposals.insert(proposal)
            }
            let found = try await store.read { repos in
                (
                    mandates: try await repos.mandates.mandates(of: scene.building.id),
                    early: try await repos.mandates.syndicMandatesEnding(
                        onOrBefore: day("2029-03-22"), after: day("2028-12-22")),
                    due: try await repos.mandates.syndicMandatesEnding(
                        onOrBefore: day("2029-03-23"), after: day("2028-12-23")),
                    pending: try await repos.agendaProposals.pending(in: scene.building.id)
                )
            }
            #expect(found.mandates == [syndic, board] && found.early.isEmpty && found.due == [syndic])
            #expect(found.pending == [proposal])
            var placing = proposal
            placing.place(as: item.id, in: assembly.id)
            let placed = placing
            try await store.write { repos in
                try await repos.mandates.markAlerted(syndic.id, at: now)
                try await repos.agendaProposals.markPlaced(placed)
            }
            let after = try await store.read { repos in
                (
                    due: try await repos.mandates.syndicMandatesEnding(
                        onOrBefore: day("2029-03-23"), after: day("2028-12-23")),
                    pending: try await repos.agendaProposals.pending(in: scene.building.id),
                    all: try await repos.agendaProposals.list(of: scene.building.id, page: PageRequest())
                )
            }
            #expect(after.due.isEmpty && after.pending.isEmpty && after.all.items == [placed])
        }
    }

    @Test(
        "A written decision round-trips with its roll; an owner answers once; the register lists decisions by date",
        arguments: TestDatabase.enabled)
    func writtenDecisions(_ database: TestDatabase) async throws {
        try await withStore(database) { store, scene in
            let (anne, bruno) = (scene.owners[0].id, scene.owners[1].id)
            let decision = try WrittenDecision(
                id: WrittenDecisionID(UUID()), organizationID: scene.organization, buildingID: scene.building.id,
                title: "Peinture du hall", text: "Repeindre le hall en blanc", dueOn: day("2026-04-30"), createdAt: now)
            let other = try WrittenDecision(
                id: WrittenDecisionID(UUID()), organizationID: scene.organization, buildingID: scene.building.id,
                title: "Autre", text: "Autre", dueOn: day("2026-02-28"), createdAt: now.addingTimeInterval(-60))
            let roll = AssemblyRoll(
                lots: [
                    .init(lotID: scene.lots[0].id, number: "A", tantiemes: 600, voter: anne),
                    .init(lotID: scene.lots[1].id, number: "B", tantiemes: 400, voter: bruno),
                ])
            let answer = WrittenAnswer(owner: anne, agrees: true, recordedBy: scene.user, recordedAt: now)
            try await store.write { repos in
                try await repos.writtenDecisions.insert(decision)
                try await repos.writtenDecisions.insert(other)
                try await repos.writtenDecisions.saveRoll(roll, names: [anne: "Anne", bruno: "Bruno"], of: decision.id)
                try await repos.writtenDecisions.insert(answer, to: decision.id)
            }
            await #expect(throws: GovernanceError.alreadyAnswered(anne)) {
                try await store.write { repos in
                    try await repos.writtenDecisions.insert(
                        WrittenAnswer(owner: anne, agrees: false, recordedBy: scene.user, recordedAt: now),
                        to: decision.id)
                }
            }
            var concluded = decision
            try concluded.close(at: now)
            let failed = concluded
            @Sendable func entry(_ source: WrittenDecisionID, on date: String) -> RegisterEntry {
                RegisterEntry(
                    id: RegisterEntryID(UUID()), organizationID: scene.organization, buildingID: scene.building.id,
                    source: .written(source), decidedOn: day(date), title: "Décision", text: "Texte",
                    majority: .unanimity, adopted: false, counts: nil, recordedAt: now)
            }
            let later = entry(decision.id, on: "2026-05-01")
            let earlier = entry(other.id, on: "2026-03-01")
            try await store.write { repos in
                try await repos.writtenDecisions.update(failed)
                try await repos.register.append(later)
                try await repos.register.append(earlier)
            }
            let stored = try await store.read { repos in
                (
                    decision: try await repos.writtenDecisions.find(decision.id),
                    roll: try await repos.writtenDecisions.roll(of: decision.id),
                    names: try await repos.writtenDecisions.voterNames(of: decision.id),
                    linked: try await repos.writtenDecisions.voters(linkedTo: scene.user, in: decision.id),
                    answers: try await repos.writtenDecisions.answers(of: decision.id),
                    list: try await repos.writtenDecisions.list(of: scene.building.id, page: PageRequest()),
                    register: try await repos.register.list(of: scene.building.id, page: PageRequest())
                )
            }
            #expect(stored.decision == failed && stored.roll == roll && stored.answers == [answer])
            #expect(stored.names == [anne: "Anne", bruno: "Bruno"] && stored.linked == [anne])
            #expect(stored.list.items.map(\.id) == [decision.id, other.id])
            #expect(stored.register.items == [earlier, later] && stored.register.totalItems == 2)
            // One entry per decision.
            await #expect(throws: (any Error).self) {
                let again = entry(decision.id, on: "2026-05-02")
                try await store.write { try await $0.register.append(again) }
            }
        }
    }

    @Test(
        "Requisitions wait until convened and are reminded once; minutes are found until sent or reminded",
        arguments: TestDatabase.enabled)
    func deadlines(_ database: TestDatabase) async throws {
        try await withStore(database) { store, scene in
            let roll = AssemblyRoll(
                lots: [.init(lotID: scene.lots[0].id, number: "A", tantiemes: 600, voter: scene.owners[0].id)])
            let requisition = try AssemblyRequisition.make(
                id: RequisitionID(UUID()), organizationID: scene.organization, buildingID: scene.building.id,
                owners: [scene.owners[0].id], roll: roll, receivedOn: day("2026-03-06"), today: day("2026-03-06"),
                calendar: .belgium, createdAt: now)
            var held = try assembly(scene, on: "2026-03-23")
            try held.convene(on: day("2026-03-06"), noticeDays: 15, calendar: .belgium)
            try held.open(
                with: QuorumCheck(
                    headsPresent: 1, headsTotal: 1, sharesPresent: 600, sharesTotal: 600, rule: .headsAndShares))
            try held.perform(.close)
            let closed = held
            try await store.write { repos in
                try await repos.requisitions.insert(requisition)
                try await repos.assemblies.insert(closed)
            }
            let before = try await store.read { repos in
                (
                    pending: try await repos.requisitions.pending(in: scene.building.id),
                    due: try await repos.requisitions.dueUnreminded(onOrBefore: day("2026-04-07")),
                    early: try await repos.requisitions.dueUnreminded(onOrBefore: day("2026-04-06")),
                    awaiting: try await repos.minutesDistributions.awaiting(heldSince: day("2026-03-01")),
                    sent: try await repos.minutesDistributions.sentOn(closed.id)
                )
            }
            #expect(before.pending == [requisition] && before.due == [requisition] && before.early.isEmpty)
            #expect(before.awaiting == [closed] && before.sent == nil)
            var convened = requisition
            convened.convened(by: closed.id, on: day("2026-03-20"))
            let answered = convened
            try await store.write { repos in
                try await repos.requisitions.markConvened(answered)
                try await repos.minutesDistributions.markReminded(closed.id, at: now)
            }
            let after = try await store.read { repos in
                (
                    pending: try await repos.requisitions.pending(in: scene.building.id),
                    listed: try await repos.requisitions.list(of: scene.building.id, page: PageRequest()),
                    awaiting: try await repos.minutesDistributions.awaiting(heldSince: day("2026-03-01"))
                )
            }
            #expect(after.pending.isEmpty && after.listed.items == [answered] && after.awaiting.isEmpty)
            try await store.write { try await $0.minutesDistributions.markSent(closed.id, on: day("2026-04-16")) }
            #expect(try await store.read { try await $0.minutesDistributions.sentOn(closed.id) } == day("2026-04-16"))
        }
    }
}
