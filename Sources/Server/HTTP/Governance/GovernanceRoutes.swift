import Application
import Domain
import Foundation
import Hummingbird

struct AssemblyRequest: Decodable {
    let kind, date, startTime, place, videoLink, chair, secretary, urgentReason: String?
    let secondOf: UUID?

    var input: AssemblyInput {
        AssemblyInput(
            kind: kind, date: date, startTime: startTime, place: place, videoLink: videoLink, chair: chair,
            secretary: secretary, urgentReason: urgentReason, secondOf: secondOf)
    }

    /// A PATCH: fields left out stay; an empty string clears an optional one.
    func changes() throws -> GeneralAssembly.Changes {
        func clearable(_ value: String?) -> String?? {
            guard let value else { return nil }
            return .some(value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : value)
        }
        return GeneralAssembly.Changes(
            date: try date.map { try CalendarDate(parsing: $0, field: "date") }, startTime: startTime,
            place: clearable(place), videoLink: clearable(videoLink), chair: clearable(chair),
            secretary: clearable(secretary), urgentReason: clearable(urgentReason))
    }
}

struct QuorumResponse: Encodable {
    let headsPresent, headsTotal, sharesPresent, sharesTotal: Int
    let met: Bool
    let rule: String?
}

struct AssemblyResponse: ResponseEncodable {
    let id, buildingId, kind, date, startTime, status: String
    let place, videoLink, chair, secretary, outcome, urgentReason, secondOf, convenedOn: String?
    let quorum: QuorumResponse?
    let minutesSignedBy: [String]
    let minutesSignedAt: Date?
    let createdAt: Date

    init(_ assembly: GeneralAssembly) {
        id = assembly.id.description
        buildingId = assembly.buildingID.description
        kind = assembly.kind.rawValue
        date = assembly.date.description
        startTime = assembly.startTime
        status = assembly.status.rawValue
        place = assembly.place
        videoLink = assembly.videoLink
        chair = assembly.chair
        secretary = assembly.secretary
        outcome = assembly.outcome?.rawValue
        urgentReason = assembly.urgentReason
        secondOf = assembly.secondOf?.description
        convenedOn = assembly.convenedOn?.description
        quorum = assembly.quorum.map {
            QuorumResponse(
                headsPresent: $0.headsPresent, headsTotal: $0.headsTotal, sharesPresent: $0.sharesPresent,
                sharesTotal: $0.sharesTotal, met: $0.isMet, rule: $0.rule?.rawValue)
        }
        minutesSignedBy = assembly.minutesSignedBy
        minutesSignedAt = assembly.minutesSignedAt
        createdAt = assembly.createdAt
    }
}

struct AgendaItemRequest: Decodable {
    let title, explanation, decisionType, majority, majorityReason, proposedBy: String?
    let budgetId: UUID?
    let fiscalYear: Int?
    let worksAmount: AmountInput?

    var input: AgendaItemInput {
        AgendaItemInput(
            title: title, explanation: explanation, decisionType: decisionType, majority: majority,
            majorityReason: majorityReason, proposedBy: proposedBy, budgetID: budgetId, fiscalYear: fiscalYear,
            worksAmount: worksAmount?.money)
    }
}

struct AgendaItemResponse: ResponseEncodable {
    let id, assemblyId, title, decisionType, majority, suggestedMajority, legalBasis: String
    let position: Int
    let explanation, majorityReason, proposedBy, budgetId, worksAmount: String?
    let fiscalYear: Int?
    let createdAt: Date

    init(_ item: AgendaItem) {
        worksAmount = item.worksAmount?.decimalString
        id = item.id.description
        assemblyId = item.assemblyID.description
        title = item.title
        decisionType = item.decisionType.rawValue
        majority = item.majority.rawValue
        suggestedMajority = item.decisionType.suggestedMajority.rawValue
        legalBasis = item.decisionType.legalBasis
        position = item.position
        explanation = item.explanation
        majorityReason = item.majorityReason
        proposedBy = item.proposedBy
        budgetId = item.budgetID?.description
        fiscalYear = item.fiscalYear
        createdAt = item.createdAt
    }
}

struct ProxyRequest: Decodable {
    let principalOwnerId: UUID?
    let holderOwnerId: UUID?
    let holderName: String?
    let holderUserId: UUID?
    let documentId: UUID?
}

struct ProxyResponse: ResponseEncodable {
    let id, assemblyId, principalOwnerId, holderName: String
    let holderOwnerId, documentId: String?
    let createdAt: Date

    init(_ proxy: Proxy) {
        id = proxy.id.description
        assemblyId = proxy.assemblyID.description
        principalOwnerId = proxy.principal.description
        holderName = proxy.holderName
        holderOwnerId = if case .owner(let owner) = proxy.holder { owner.description } else { nil }
        documentId = proxy.documentID?.description
        createdAt = proxy.createdAt
    }
}

struct VoterResponse: Encodable {
    let ownerId, name, attendance: String
    let lots: [String]
    let weight: Int
}

struct AssemblyDetailResponse: ResponseEncodable {
    let assembly: AssemblyResponse
    let agenda: [AgendaItemResponse]
    let voters: [VoterResponse]
    let suspendedLots: [String]
    let proxies: [ProxyResponse]
    let resolutions: [ResolutionResponse]

    enum CodingKeys: String, CodingKey { case agenda, voters, suspendedLots, proxies, resolutions }

    init(_ detail: AssemblyDetail) {
        assembly = AssemblyResponse(detail.assembly)
        agenda = detail.agenda.map(AgendaItemResponse.init)
        voters = detail.voters.map {
            VoterResponse(
                ownerId: $0.voter.ownerID.description, name: $0.voter.name, attendance: $0.attendance.rawValue,
                lots: $0.voter.lots, weight: $0.voter.weight)
        }
        suspendedLots = detail.suspendedLots
        proxies = detail.proxies.map(ProxyResponse.init)
        resolutions = detail.resolutions.map { ResolutionResponse($0, votes: nil) }
    }

    /// The assembly's own fields, with its agenda, roll, proxies and resolutions beside them.
    func encode(to encoder: any Encoder) throws {
        try assembly.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(agenda, forKey: .agenda)
        try container.encode(voters, forKey: .voters)
        try container.encode(suspendedLots, forKey: .suspendedLots)
        try container.encode(proxies, forKey: .proxies)
        try container.encode(resolutions, forKey: .resolutions)
    }
}

struct ConvocationResponse: ResponseEncodable {
    struct Recipient: Encodable {
        let ownerId, name, delivery: String
        let lots: [String]
        let weight: Int
        let documentId: String?

        init(_ recipient: Convocation.Recipient) {
            ownerId = recipient.ownerID.description
            name = recipient.name
            delivery = recipient.delivery.rawValue
            lots = recipient.lots
            weight = recipient.weight
            documentId = recipient.documentID?.description
        }
    }

    let assembly: AssemblyResponse
    let recipients: [Recipient]
    let suspendedLots: [String]

    init(_ convocation: Convocation) {
        assembly = AssemblyResponse(convocation.assembly)
        recipients = convocation.recipients.map(Recipient.init)
        suspendedLots = convocation.suspendedLots
    }
}

struct RequisitionRequest: Decodable {
    let ownerIds: [UUID]?
    let receivedOn: String?
}

struct RequisitionResponse: ResponseEncodable {
    let id, buildingId, receivedOn, dueOn, status: String
    let ownerIds: [String]
    let shares, totalShares: Int
    let overdue: Bool
    let assemblyId, convenedOn: String?
    let createdAt: Date

    init(_ requisition: AssemblyRequisition, today: CalendarDate) {
        id = requisition.id.description
        buildingId = requisition.buildingID.description
        receivedOn = requisition.receivedOn.description
        dueOn = requisition.dueOn.description
        status = requisition.isPending ? "pending" : requisition.wasLate ? "convened_late" : "convened"
        ownerIds = requisition.owners.map(\.description)
        shares = requisition.shares
        totalShares = requisition.totalShares
        overdue = requisition.isOverdue(on: today)
        assemblyId = requisition.convenedIn?.description
        convenedOn = requisition.convenedOn?.description
        createdAt = requisition.createdAt
    }
}

struct MinutesDistributionResponse: ResponseEncodable {
    let assembly: AssemblyResponse
    let sentOn: String
    let recipients: [ConvocationResponse.Recipient]

    init(_ distribution: MinutesDistribution) {
        assembly = AssemblyResponse(distribution.assembly)
        sentOn = distribution.sentOn.description
        recipients = distribution.recipients.map(ConvocationResponse.Recipient.init)
    }
}

struct AttendanceRequest: Decodable {
    struct Entry: Decodable {
        let ownerId: UUID
        let attendance: String
    }
    let entries: [Entry]
}

struct ResolutionRequest: Decodable {
    let text: String?
    let excludedOwnerIds: [UUID]?
}

struct BallotRequest: Decodable {
    let ballot: String
    let ownerId: UUID?
}

struct VoteResponse: ResponseEncodable {
    let resolutionId, ownerId, ballot: String
    let weight: Int
    let castAt: Date

    init(_ vote: Vote) {
        resolutionId = vote.resolutionID.description
        ownerId = vote.voter.description
        ballot = vote.ballot.rawValue
        weight = vote.weight
        castAt = vote.castAt
    }
}

struct ResolutionResponse: ResponseEncodable {
    struct Tally: Encodable {
        struct Cut: Encodable {
            let ownerId: String
            let votes: Int
        }
        let yes, no, abstain, yesHeads, noHeads, abstainHeads, excludedWeight, base: Int
        let cuts: [Cut]
    }

    struct CastBallot: Encodable {
        let ownerId, name, ballot: String
        let weight: Int
    }

    let id, assemblyId, agendaItemId, text, majority, status: String
    let excludedOwnerIds: [String]
    let result: String?
    let tally: Tally?
    let votes: [CastBallot]?
    let against: [String]?
    let abstained: [String]?
    let createdAt: Date
    let closedAt: Date?

    init(_ resolution: Resolution, votes detail: ResolutionDetail?) {
        id = resolution.id.description
        assemblyId = resolution.assemblyID.description
        agendaItemId = resolution.agendaItemID.description
        text = resolution.text
        majority = resolution.majority.rawValue
        status = resolution.status.rawValue
        excludedOwnerIds = resolution.excluded.map(\.description).sorted()
        result = resolution.result?.rawValue
        tally = resolution.tally.map {
            Tally(
                yes: $0.yes, no: $0.no, abstain: $0.abstain, yesHeads: $0.yesHeads, noHeads: $0.noHeads,
                abstainHeads: $0.abstainHeads, excludedWeight: $0.excludedWeight, base: $0.base,
                cuts: $0.cuts.map { Tally.Cut(ownerId: $0.key.description, votes: $0.value) }
                    .sorted { $0.ownerId < $1.ownerId })
        }
        votes = detail.map { detail in
            detail.votes.map {
                CastBallot(
                    ownerId: $0.voter.description, name: detail.names[$0.voter] ?? "?", ballot: $0.ballot.rawValue,
                    weight: $0.weight)
            }
        }
        against = detail?.names(voting: .no)
        abstained = detail?.names(voting: .abstain)
        createdAt = resolution.createdAt
        closedAt = resolution.closedAt
    }

    init(_ detail: ResolutionDetail) { self.init(detail.resolution, votes: detail) }
}

struct RegisterEntryResponse: Encodable {
    let id, source, decidedOn, title, text, majority, result: String
    let assemblyId, resolutionId, writtenDecisionId: String?
    let yes, no, abstain, base: Int?
    let recordedAt: Date

    init(_ entry: RegisterEntry) {
        id = entry.id.description
        switch entry.source {
        case .assembly(let assembly, let resolution):
            (source, assemblyId, resolutionId, writtenDecisionId) = (
                "assembly", assembly.description, resolution.description, nil
            )
        case .written(let decision):
            (source, assemblyId, resolutionId, writtenDecisionId) = ("written_decision", nil, nil, decision.description)
        }
        decidedOn = entry.decidedOn.description
        title = entry.title
        text = entry.text
        majority = entry.majority.rawValue
        result = entry.adopted ? "adopted" : "rejected"
        yes = entry.counts?.yes
        no = entry.counts?.no
        abstain = entry.counts?.abstain
        base = entry.counts?.base
        recordedAt = entry.recordedAt
    }
}

struct WrittenDecisionRequest: Decodable {
    let title: String?
    let text: String?
    let dueOn: String?
}

struct WrittenAnswerRequest: Decodable {
    let agrees: Bool
    let ownerId: UUID?
}

struct WrittenDecisionResponse: ResponseEncodable {
    struct Voter: Encodable {
        let ownerId, name: String
        let lots: [String]
        let weight: Int
        let answer: String
    }

    let id, buildingId, title, text, dueOn, status: String
    let createdAt: Date
    let concludedAt: Date?
    let voters: [Voter]?
    let suspendedLots: [String]?

    init(_ decision: WrittenDecision, detail: WrittenDecisionDetail? = nil) {
        id = decision.id.description
        buildingId = decision.buildingID.description
        title = decision.title
        text = decision.text
        dueOn = decision.dueOn.description
        status = decision.status.rawValue
        createdAt = decision.createdAt
        concludedAt = decision.concludedAt
        voters = detail?.voters.map {
            Voter(
                ownerId: $0.voter.ownerID.description, name: $0.voter.name, lots: $0.voter.lots,
                weight: $0.voter.weight, answer: $0.agrees.map { $0 ? "agrees" : "refuses" } ?? "none")
        }
        suspendedLots = detail?.suspendedLots
    }

    init(_ detail: WrittenDecisionDetail) { self.init(detail.decision, detail: detail) }
}

struct MandateRequest: Decodable {
    let role, holderName, startsOn, endsOn: String?
    let ownerId, resolutionId: UUID?

    var input: MandateInput {
        MandateInput(
            role: role, holderName: holderName, startsOn: startsOn, endsOn: endsOn, ownerID: ownerId,
            resolutionID: resolutionId)
    }
}

struct MandateResponse: ResponseEncodable {
    let id, buildingId, role, holderName, startsOn, endsOn, resolutionId: String
    let ownerId: String?
    let createdAt: Date

    init(_ mandate: Mandate) {
        id = mandate.id.description
        buildingId = mandate.buildingID.description
        role = mandate.role.rawValue
        holderName = mandate.holderName
        startsOn = mandate.startsOn.description
        endsOn = mandate.endsOn.description
        resolutionId = mandate.resolutionID.description
        ownerId = mandate.ownerID?.description
        createdAt = mandate.createdAt
    }
}

struct GovernanceResponse: ResponseEncodable {
    let countedLots, boardThreshold, noticeDays: Int
    let boardRequired, hasBoard, syndicMandateEndsSoon: Bool
    let board: [MandateResponse]
    let syndic, auditor: MandateResponse?
    let reserveFund: ReserveFundResponse

    init(_ summary: GovernanceSummary, noticeDays: Int, reserveFund: ReserveFundCheck) {
        self.reserveFund = ReserveFundResponse(reserveFund)
        countedLots = summary.countedLots
        boardThreshold = GovernanceSummary.boardThreshold
        self.noticeDays = noticeDays
        boardRequired = summary.boardRequired
        hasBoard = summary.hasBoard
        syndicMandateEndsSoon = summary.syndicMandateEndsSoon
        board = summary.board.map(MandateResponse.init)
        syndic = summary.syndic.map(MandateResponse.init)
        auditor = summary.auditor.map(MandateResponse.init)
    }
}

struct SignatoriesRequest: Decodable {
    let signatories: [String]
}

struct RepresentativeRequest: Decodable {
    let ownerId: UUID
}

struct GovernanceSettingsRequest: Decodable {
    let noticeDays: Int?
    let assemblyPeriodStart: String?
    let remoteParticipation: Bool?
}

struct GovernanceSettingsResponse: ResponseEncodable {
    let noticeDays: Int
    let assemblyPeriodStart: String?
    let remoteParticipation: Bool

    init(_ settings: GovernanceSettings) {
        noticeDays = settings.noticeDays
        assemblyPeriodStart = settings.assemblyPeriodStart?.description
        remoteParticipation = settings.remoteParticipation
    }
}

struct AgendaProposalRequest: Decodable {
    let title, explanation, decisionType: String?
    let assemblyId: UUID?
}

struct AgendaProposalResponse: ResponseEncodable {
    let id, buildingId, title, decisionType, proposedBy, receivedOn, status: String
    let explanation, assemblyId, placedIn, placedAs: String?
    let createdAt: Date

    init(_ proposal: AgendaProposal) {
        id = proposal.id.description
        buildingId = proposal.buildingID.description
        title = proposal.title
        decisionType = proposal.decisionType.rawValue
        proposedBy = proposal.proposedBy
        receivedOn = proposal.receivedOn.description
        status = proposal.isPending ? "pending" : "placed"
        explanation = proposal.explanation
        assemblyId = proposal.assemblyID?.description
        placedIn = proposal.placedIn?.description
        placedAs = proposal.placedAs?.description
        createdAt = proposal.createdAt
    }
}

/// General assemblies, their votes and minutes, and the building's register.
struct GovernanceRoutes {
    let service: GovernanceService
    let documents: DocumentsService

    func add(to group: RouterGroup<AuthenticatedContext>) {
        addAssemblyRoutes(to: group)
        addMeetingRoutes(to: group)
        addBuildingRoutes(to: group)
        addWrittenDecisionRoutes(to: group)
    }

    private func writtenDecisionID(_ context: AuthenticatedContext) throws -> WrittenDecisionID {
        try context.parameters.id(as: WrittenDecisionID.self, entity: "written_decision")
    }

    private func addWrittenDecisionRoutes(to group: RouterGroup<AuthenticatedContext>) {
        group.post("buildings/{id}/written-decisions") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            let body = try await request.decodeJSON(WrittenDecisionRequest.self, context: context)
            return EditedResponse(
                status: .created,
                response: WrittenDecisionResponse(
                    try await service.proposeWrittenDecision(
                        in: building, title: body.title ?? "", text: body.text ?? "", dueOn: body.dueOn ?? "",
                        as: context.principal)))
        }
        group.get("buildings/{id}/written-decisions") { request, context in
            ListResponse(
                try await service.writtenDecisions(
                    of: try context.parameters.id(as: BuildingID.self, entity: "building"),
                    page: try request.pageRequest(), as: context.principal)
            ) { WrittenDecisionResponse($0) }
        }
        group.get("written-decisions/{id}") { _, context in
            WrittenDecisionResponse(
                try await service.writtenDecision(try writtenDecisionID(context), as: context.principal))
        }
        group.post("written-decisions/{id}/answers") { request, context in
            let id = try writtenDecisionID(context)
            let body = try await request.decodeJSON(WrittenAnswerRequest.self, context: context)
            return WrittenDecisionResponse(
                try await service.answer(
                    id, agrees: body.agrees, for: body.ownerId.map(OwnerID.init), as: context.principal))
        }
        group.post("written-decisions/{id}/close") { _, context in
            WrittenDecisionResponse(
                try await service.closeWrittenDecision(try writtenDecisionID(context), as: context.principal))
        }
        group.get("written-decisions/{id}/minutes.pdf") { _, context in
            let id = try writtenDecisionID(context)
            return Response.pdf(
                try documents.pdf(of: try await service.writtenMinutes(of: id, as: context.principal)),
                fileName: "pv-decision-ecrite-\(id).pdf")
        }
    }

    private func assemblyID(_ context: AuthenticatedContext) throws -> AssemblyID {
        try context.parameters.id(as: AssemblyID.self, entity: "assembly")
    }

    private func resolutionID(_ context: AuthenticatedContext) throws -> ResolutionID {
        try context.parameters.id(as: ResolutionID.self, entity: "resolution")
    }

    private func addAssemblyRoutes(to group: RouterGroup<AuthenticatedContext>) {
        group.post("buildings/{id}/assemblies") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            let body = try await request.decodeJSON(AssemblyRequest.self, context: context)
            for (name, value) in [("kind", body.kind), ("date", body.date), ("start_time", body.startTime)]
            where value == nil {
                throw RequestError.missingField(name)
            }
            return EditedResponse(
                status: .created,
                response: AssemblyResponse(try await service.create(in: building, body.input, as: context.principal)))
        }
        group.get("buildings/{id}/assemblies") { request, context in
            ListResponse(
                try await service.assemblies(
                    of: try context.parameters.id(as: BuildingID.self, entity: "building"),
                    page: try request.pageRequest(), as: context.principal),
                AssemblyResponse.init)
        }
        group.get("assemblies/{id}") { _, context in
            AssemblyDetailResponse(try await service.assembly(try assemblyID(context), as: context.principal))
        }
        group.patch("assemblies/{id}") { request, context in
            let id = try assemblyID(context)
            let body = try await request.decodeJSON(AssemblyRequest.self, context: context)
            return AssemblyResponse(try await service.update(id, try body.changes(), as: context.principal))
        }
        group.post("assemblies/{id}/agenda-items") { request, context in
            let id = try assemblyID(context)
            let body = try await request.decodeJSON(AgendaItemRequest.self, context: context)
            guard body.title != nil else { throw RequestError.missingField("title") }
            return EditedResponse(
                status: .created,
                response: AgendaItemResponse(try await service.addAgendaItem(to: id, body.input, as: context.principal))
            )
        }
        group.post("assemblies/{id}/convene") { _, context in
            ConvocationResponse(try await service.convene(try assemblyID(context), as: context.principal))
        }
        group.post("assemblies/{id}/cancel") { _, context in
            AssemblyResponse(try await service.cancel(try assemblyID(context), as: context.principal))
        }
    }

    private func addMeetingRoutes(to group: RouterGroup<AuthenticatedContext>) {
        group.put("assemblies/{id}/attendance") { request, context in
            let id = try assemblyID(context)
            let body = try await request.decodeJSON(AttendanceRequest.self, context: context)
            guard body.entries.count <= 10_000 else {
                throw RequestError.invalidParameter(name: "entries", reason: "must list at most 10000 voters")
            }
            var entries: [OwnerID: Attendance] = [:]
            for entry in body.entries {
                guard let attendance = Attendance(rawValue: entry.attendance) else {
                    throw DomainError.invalidValue(
                        field: "attendance", reason: "must be present, remote, represented or absent")
                }
                entries[OwnerID(entry.ownerId)] = attendance
            }
            return AssemblyDetailResponse(try await service.setAttendance(entries, of: id, as: context.principal))
        }
        group.post("assemblies/{id}/proxies") { request, context in
            let id = try assemblyID(context)
            let body = try await request.decodeJSON(ProxyRequest.self, context: context)
            let input = ProxyInput(
                principalOwnerID: body.principalOwnerId, holderOwnerID: body.holderOwnerId,
                holderName: body.holderName, holderUserID: body.holderUserId, documentID: body.documentId)
            return EditedResponse(
                status: .created,
                response: ProxyResponse(try await service.addProxy(to: id, input, as: context.principal)))
        }
        group.post("assemblies/{id}/open") { _, context in
            AssemblyResponse(try await service.open(try assemblyID(context), as: context.principal))
        }
        group.post("agenda-items/{id}/resolutions") { request, context in
            let item = try context.parameters.id(as: AgendaItemID.self, entity: "agenda_item")
            let body = try await request.decodeJSON(ResolutionRequest.self, context: context)
            guard let text = body.text else { throw RequestError.missingField("text") }
            return EditedResponse(
                status: .created,
                response: ResolutionResponse(
                    try await service.addResolution(
                        to: item, text: text, excluded: body.excludedOwnerIds ?? [], as: context.principal),
                    votes: nil))
        }
        group.get("resolutions/{id}") { _, context in
            ResolutionResponse(try await service.resolution(try resolutionID(context), as: context.principal))
        }
        group.post("resolutions/{id}/votes") { request, context in
            let id = try resolutionID(context)
            let body = try await request.decodeJSON(BallotRequest.self, context: context)
            guard let ballot = Ballot(rawValue: body.ballot) else {
                throw DomainError.invalidValue(field: "ballot", reason: "must be yes, no or abstain")
            }
            return VoteResponse(
                try await service.vote(
                    on: id, ballot: ballot, for: body.ownerId.map(OwnerID.init), as: context.principal))
        }
        group.post("resolutions/{id}/close") { _, context in
            ResolutionResponse(try await service.closeResolution(try resolutionID(context), as: context.principal))
        }
        group.post("assemblies/{id}/close") { _, context in
            AssemblyResponse(try await service.close(try assemblyID(context), as: context.principal))
        }
        group.post("assemblies/{id}/minutes/sign") { request, context in
            let id = try assemblyID(context)
            let body = try await request.decodeJSON(SignatoriesRequest.self, context: context)
            return AssemblyResponse(try await service.signMinutes(id, by: body.signatories, as: context.principal))
        }
        group.post("assemblies/{id}/minutes/send") { _, context in
            MinutesDistributionResponse(
                try await service.sendMinutes(of: try assemblyID(context), as: context.principal))
        }
        group.get("assemblies/{id}/minutes.pdf") { _, context in
            let id = try assemblyID(context)
            return Response.pdf(
                try documents.pdf(of: try await service.minutes(of: id, as: context.principal)),
                fileName: "pv-ag-\(id).pdf")
        }
    }

    private func addBuildingRoutes(to group: RouterGroup<AuthenticatedContext>) {
        group.get("buildings/{id}/register") { request, context in
            ListResponse(
                try await service.register(
                    of: try context.parameters.id(as: BuildingID.self, entity: "building"),
                    page: try request.pageRequest(), as: context.principal),
                RegisterEntryResponse.init)
        }
        group.put("lots/{id}/representative") { request, context in
            let lot = try context.parameters.id(as: LotID.self, entity: "lot")
            let body = try await request.decodeJSON(RepresentativeRequest.self, context: context)
            try await service.nameRepresentative(OwnerID(body.ownerId), for: lot, as: context.principal)
            return HTTPResponse.Status.noContent
        }
        group.post("buildings/{id}/assembly-requisitions") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            let body = try await request.decodeJSON(RequisitionRequest.self, context: context)
            let requisition = try await service.recordRequisition(
                in: building, owners: body.ownerIds ?? [], receivedOn: body.receivedOn ?? "", as: context.principal)
            return EditedResponse(
                status: .created, response: RequisitionResponse(requisition, today: service.currentDay))
        }
        group.get("buildings/{id}/assembly-requisitions") { request, context in
            let page = try await service.requisitions(
                of: try context.parameters.id(as: BuildingID.self, entity: "building"), page: try request.pageRequest(),
                as: context.principal)
            let today = service.currentDay
            return ListResponse(page) { RequisitionResponse($0, today: today) }
        }
        group.post("buildings/{id}/mandates") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            let body = try await request.decodeJSON(MandateRequest.self, context: context)
            return EditedResponse(
                status: .created,
                response: MandateResponse(try await service.appoint(in: building, body.input, as: context.principal)))
        }
        group.get("buildings/{id}/governance") { _, context in
            let (summary, notice, reserveFund) = try await service.governance(
                of: try context.parameters.id(as: BuildingID.self, entity: "building"), as: context.principal)
            return GovernanceResponse(summary, noticeDays: notice, reserveFund: reserveFund)
        }
        group.get("buildings/{id}/governance-settings") { _, context in
            GovernanceSettingsResponse(
                try await service.settings(
                    of: try context.parameters.id(as: BuildingID.self, entity: "building"), as: context.principal))
        }
        group.put("buildings/{id}/governance-settings") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            let body = try await request.decodeJSON(GovernanceSettingsRequest.self, context: context)
            return GovernanceSettingsResponse(
                try await service.updateSettings(
                    noticeDays: body.noticeDays, periodStart: body.assemblyPeriodStart,
                    remoteParticipation: body.remoteParticipation, of: building, as: context.principal))
        }
        group.post("buildings/{id}/agenda-proposals") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            let body = try await request.decodeJSON(AgendaProposalRequest.self, context: context)
            return EditedResponse(
                status: .created,
                response: AgendaProposalResponse(
                    try await service.proposeAgendaItem(
                        in: building, title: body.title ?? "", explanation: body.explanation,
                        decisionType: body.decisionType, assembly: body.assemblyId.map(AssemblyID.init),
                        as: context.principal)))
        }
        group.get("buildings/{id}/agenda-proposals") { request, context in
            ListResponse(
                try await service.agendaProposals(
                    of: try context.parameters.id(as: BuildingID.self, entity: "building"),
                    page: try request.pageRequest(), as: context.principal),
                AgendaProposalResponse.init)
        }
    }
}
