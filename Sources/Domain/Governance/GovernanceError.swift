/// Rules of governance a request can break.
public enum GovernanceError: Error, Equatable, Sendable, CustomStringConvertible {
    case illegalTransition(
        from: GeneralAssembly.Status, requested: GeneralAssembly.Status, allowed: [GeneralAssembly.Status])
    case notEditable(GeneralAssembly.Status)
    /// The notice is shorter than the law or the internal rules ask (422).
    case noticeTooShort(earliest: CalendarDate, noticeDays: Int)
    case tooManyProxies(count: Int, votes: Int, total: Int)
    case syndicCannotHoldProxy
    case notEntitled(OwnerID)
    case proxyExists(OwnerID)
    case noProxy(OwnerID)
    /// Votes are only taken while the assembly is open.
    case notOpen(GeneralAssembly.Status)
    case resolutionClosed
    case notPresent(OwnerID)
    case excludedFromVote(OwnerID)
    case noMinutesWithoutQuorum
    case chairAndSecretaryRequired
    case budgetNotDraft
    /// The minutes exist once the assembly is closed.
    case minutesNotReady(GeneralAssembly.Status)
    /// A written decision already adopted or failed takes no more answers.
    case writtenDecisionConcluded(WrittenDecision.Status)
    case alreadyAnswered(OwnerID)
    /// The minutes of a written decision are drawn up once it is adopted or failed.
    case writtenDecisionOpen
    /// Owners requiring an assembly hold less than a fifth of the shares (422).
    case belowOneFifth(shares: Int, total: Int)
    /// The building's settings do not allow attending by video.
    case remoteNotAllowed

    public var description: String {
        switch self {
        case .illegalTransition(let from, let requested, _):
            "the assembly cannot go from \(from.rawValue) to \(requested.rawValue)"
        case .notEditable(let status): "an assembly that is \(status.rawValue) cannot change this"
        case .noticeTooShort(let earliest, let days):
            "the convocation gives less than \(days) days' notice: the assembly may be held on \(earliest) at the "
                + "earliest, unless it is marked urgent with a reason"
        case .tooManyProxies(let count, let votes, let total):
            "a holder may hold \(count) proxies only if their votes and their principals' stay within 10% of all "
                + "votes; they would hold \(votes) of \(total)"
        case .syndicCannotHoldProxy: "the syndic may not hold a proxy"
        case .notEntitled: "this owner is not on the list of persons entitled to attend"
        case .proxyExists: "this owner has already given a proxy for this assembly"
        case .noProxy: "an owner is represented only through a recorded proxy"
        case .notOpen(let status): "votes are taken while the assembly is opened; it is \(status.rawValue)"
        case .resolutionClosed: "the vote on this resolution is closed"
        case .notPresent: "only a voter recorded present or represented may vote"
        case .excludedFromVote: "this voter is excluded from this vote for a conflict of interest"
        case .noMinutesWithoutQuorum: "an assembly without quorum has no minutes to sign"
        case .chairAndSecretaryRequired: "the minutes are signed by the chair and the secretary, named on the assembly"
        case .budgetNotDraft: "the budget this point approves is no longer a draft"
        case .alreadyAnswered: "this owner has already answered in writing"
        case .remoteNotAllowed:
            "this building does not allow attending its assemblies remotely (a governance setting, off by default)"
        case .belowOneFifth(let shares, let total):
            "owners requiring an assembly must hold at least a fifth of the shares; these hold \(shares) of \(total)"
        case .writtenDecisionOpen: "the written decision still waits for answers: its minutes come when it concludes"
        case .writtenDecisionConcluded(let status):
            "the written decision is \(status.rawValue): it takes no more answers"
        case .minutesNotReady(let status):
            "the minutes are drawn up once the assembly is closed; it is \(status.rawValue)"
        }
    }
}
