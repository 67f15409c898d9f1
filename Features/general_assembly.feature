Feature: General assemblies
  The syndic convenes the owners at least 15 days ahead (Civil Code art. 3.87 §3), counted as
  art. 1.7 does: the day of sending is not counted, and a period ending on a Saturday, Sunday or
  public holiday runs to the next working day. At the opening the quorum is checked: more than
  half of the owners present or represented holding at least half of the shares, or more than
  three quarters of the shares (§5). Each lot votes its tantièmes; abstentions are not votes
  cast; nobody votes for more than all the others present or represented together (§7); a
  voter in conflict of interest is left out (§9). Works on the common parts need two thirds of
  the votes cast (art. 3.88).

  Background:
    Given the API is running
    And the syndic "sam" of "Syndic Dupont" manages the building "Résidence Les Tilleuls" of 1000 tantièmes
    And today is "2026-03-06"

  Scenario: A convocation that gives less than 15 days' notice is refused, unless urgent
    Given the building has the lots:
      | number | type      | tantiemes |
      | A      | apartment | 600       |
      | B      | apartment | 400       |
    And the owners:
      | name  |
      | Anne  |
      | Bruno |
    And the lots are owned as follows:
      | lot | owner |
      | A   | anne  |
      | B   | bruno |
    And an ordinary assembly is planned on "2026-03-20"
    And the agenda has the points:
      | title                    | decision_type |
      | Décharge au commissaire  | discharge     |
    # Sent on Friday 6 March: the 15th day is Saturday 21 March, so the notice runs to Monday 23.
    When I send POST "/api/v1/assemblies/{{assembly}}/convene"
    Then the response is a problem 422 with code "notice_too_short"
    And the problem names the field "date"
    And the response text contains "2026-03-23"
    When I send PATCH "/api/v1/assemblies/{{assembly}}"
      """
      {"urgent_reason": "Infiltrations par la toiture : l'assureur exige une décision"}
      """
    And I send POST "/api/v1/assemblies/{{assembly}}/convene"
    Then the response status is 200
    And the response field "assembly.status" is "convened"
    And the response field "assembly.convened_on" is "2026-03-06"
    And the response field "recipients" has an item whose "delivery" is "registered_post"

  Scenario: The quorum is met by heads and shares
    Given the building has the lots:
      | number | type      | tantiemes |
      | A      | apartment | 300       |
      | B      | apartment | 250       |
      | C      | apartment | 250       |
      | D      | apartment | 200       |
    And the owners:
      | name  |
      | Anne  |
      | Bruno |
      | Chloé |
      | David |
    And the lots are owned as follows:
      | lot | owner |
      | A   | anne  |
      | B   | bruno |
      | C   | chloe |
      | D   | david |
    And an ordinary assembly is planned on "2026-03-23"
    And the agenda has the points:
      | title                   | decision_type |
      | Décharge au commissaire | discharge     |
    And the syndic convenes the assembly
    # 3 owners of 4 (more than half), holding 750 of 1000 shares (at least half).
    And the attendance is:
      | owner | attendance |
      | anne  | present    |
      | bruno | present    |
      | david | present    |
    When I send POST "/api/v1/assemblies/{{assembly}}/open"
    Then the response status is 200
    And the response field "status" is "opened"
    And the response field "quorum.rule" is "heads_and_shares"
    And the response field "quorum.heads_present" is the number 3
    And the response field "quorum.heads_total" is the number 4
    And the response field "quorum.shares_present" is the number 750
    And the response field "quorum.shares_total" is the number 1000

  Scenario: Without quorum the assembly closes, and a second one deliberates whatever the attendance
    Given the building has the lots:
      | number | type      | tantiemes |
      | A      | apartment | 300       |
      | B      | apartment | 250       |
      | C      | apartment | 250       |
      | D      | apartment | 200       |
    And the owners:
      | name  |
      | Anne  |
      | Bruno |
      | Chloé |
      | David |
    And the lots are owned as follows:
      | lot | owner |
      | A   | anne  |
      | B   | bruno |
      | C   | chloe |
      | D   | david |
    And an ordinary assembly is planned on "2026-03-23"
    And the agenda has the points:
      | title                   | decision_type |
      | Décharge au commissaire | discharge     |
    And the syndic convenes the assembly
    # 2 owners of 4 is not more than half; 550 shares is not more than three quarters.
    And the attendance is:
      | owner | attendance |
      | anne  | present    |
      | bruno | present    |
    When I send POST "/api/v1/assemblies/{{assembly}}/open"
    Then the response field "status" is "closed"
    And the response field "outcome" is "no_quorum"
    And the response field "quorum.met" is false
    And the response field "quorum.shares_present" is the number 550
    And I remember the response field "id" as "first"
    # A second assembly is held at least 15 days after the first.
    When I send POST "/api/v1/buildings/{{building}}/assemblies"
      """
      {"kind": "ordinary", "date": "2026-04-01", "start_time": "19:30", "place": "Salle des fêtes",
       "chair": "Anne", "secretary": "Sam", "second_of": "{{first}}"}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "date"
    When I send POST "/api/v1/buildings/{{building}}/assemblies"
      """
      {"kind": "ordinary", "date": "2026-04-07", "start_time": "19:30", "place": "Salle des fêtes",
       "chair": "Anne", "secretary": "Sam", "second_of": "{{first}}"}
      """
    Then the response status is 201
    And I remember the response field "id" as "assembly"
    And the agenda has the points:
      | title                   | decision_type |
      | Décharge au commissaire | discharge     |
    And the syndic convenes the assembly
    And the attendance is:
      | owner | attendance |
      | anne  | present    |
    When I send POST "/api/v1/assemblies/{{assembly}}/open"
    Then the response field "status" is "opened"
    And the response field "quorum.rule" is "second_convocation"
    And the response field "quorum.heads_present" is the number 1

  Scenario: A fourth proxy is refused above 10 % of all votes, and allowed within it
    Given the building has the lots:
      | number | type      | tantiemes |
      | A      | apartment | 20        |
      | B      | apartment | 20        |
      | C      | apartment | 20        |
      | D      | apartment | 20        |
      | E      | apartment | 20        |
      | F      | apartment | 900       |
    And the owners:
      | name   |
      | Anne   |
      | Bruno  |
      | Chloé  |
      | David  |
      | Emma   |
      | Fanny  |
    And the lots are owned as follows:
      | lot | owner |
      | A   | anne  |
      | B   | bruno |
      | C   | chloe |
      | D   | david |
      | E   | emma  |
      | F   | fanny |
    And an ordinary assembly is planned on "2026-03-23"
    And the agenda has the points:
      | title                   | decision_type |
      | Décharge au commissaire | discharge     |
    And the syndic convenes the assembly
    And "bruno" gives a proxy to "anne"
    And "chloe" gives a proxy to "anne"
    And "david" gives a proxy to "anne"
    # Anne's own 20 and her four principals' 80 make 100 of 1000: exactly 10 %, allowed.
    When I send POST "/api/v1/assemblies/{{assembly}}/proxies"
      """
      {"principal_owner_id": "{{emma}}", "holder_owner_id": "{{anne}}"}
      """
    Then the response status is 201
    And the response field "holder_name" is "Anne"

  Scenario: A fourth proxy to a large owner is refused, and the syndic may hold none
    Given the building has the lots:
      | number | type      | tantiemes |
      | A      | apartment | 20        |
      | B      | apartment | 20        |
      | C      | apartment | 20        |
      | D      | apartment | 20        |
      | E      | apartment | 20        |
      | F      | apartment | 900       |
    And the owners:
      | name   |
      | Anne   |
      | Bruno  |
      | Chloé  |
      | David  |
      | Emma   |
      | Fanny  |
    And the lots are owned as follows:
      | lot | owner |
      | A   | anne  |
      | B   | bruno |
      | C   | chloe |
      | D   | david |
      | E   | emma  |
      | F   | fanny |
    And "sam" invites "sylvie" as "syndic"
    And "sylvie" registers with the invitation
    And I am "sam"
    And an ordinary assembly is planned on "2026-03-23"
    And the agenda has the points:
      | title                   | decision_type |
      | Décharge au commissaire | discharge     |
    And the syndic convenes the assembly
    And "bruno" gives a proxy to "fanny"
    And "chloe" gives a proxy to "fanny"
    And "david" gives a proxy to "fanny"
    # Fanny's 900 and her principals' 80 make 980 of 1000, far above 10 %.
    When I send POST "/api/v1/assemblies/{{assembly}}/proxies"
      """
      {"principal_owner_id": "{{emma}}", "holder_owner_id": "{{fanny}}"}
      """
    Then the response is a problem 422 with code "too_many_proxies"
    When I send POST "/api/v1/assemblies/{{assembly}}/proxies"
      """
      {"principal_owner_id": "{{emma}}", "holder_name": "Sylvie", "holder_user_id": "{{sylvie.id}}"}
      """
    Then the response is a problem 422 with code "syndic_cannot_hold_proxy"

  Scenario: Works on the common parts: one resolution adopted and another rejected, with the weighted figures
    Given the building has the lots:
      | number | type      | tantiemes |
      | A      | apartment | 400       |
      | B      | apartment | 250       |
      | C      | apartment | 200       |
      | D      | apartment | 150       |
    And the owners:
      | name  |
      | Anne  |
      | Bruno |
      | Chloé |
      | David |
    And the lots are owned as follows:
      | lot | owner |
      | A   | anne  |
      | B   | bruno |
      | C   | chloe |
      | D   | david |
    And an ordinary assembly is planned on "2026-03-23"
    And the agenda has the points:
      | title                      | decision_type      |
      | Rénovation de la toiture   | common_parts_works |
      | Remplacement de l'ascenseur | common_parts_works |
    And the syndic convenes the assembly
    And the attendance is:
      | owner | attendance |
      | anne  | present    |
      | bruno | present    |
      | chloe | present    |
      | david | present    |
    And the assembly opens
    And point 1 is put to the vote as "Rénover la toiture pour 80 000 EUR"
    # Yes 400 + 250 = 650, no 200, abstention 150 not cast: 650 / 850 ≥ 2/3 (3 × 650 = 1950 ≥ 1700).
    And the votes are:
      | owner | ballot  |
      | anne  | yes     |
      | bruno | yes     |
      | chloe | no      |
      | david | abstain |
    When I send POST "/api/v1/resolutions/{{resolution}}/close"
    Then the response field "result" is "adopted"
    And the response field "majority" is "two_thirds"
    And the response field "tally.yes" is the number 650
    And the response field "tally.no" is the number 200
    And the response field "tally.abstain" is the number 150
    And the response field "tally.base" is the number 850
    And the response field "against" lists "Chloé"
    Given point 2 is put to the vote as "Remplacer l'ascenseur pour 120 000 EUR"
    # Yes 400 + 200 = 600, no 250 + 150 = 400: 600 / 1000 < 2/3 (1800 < 2000).
    And the votes are:
      | owner | ballot |
      | anne  | yes    |
      | chloe | yes    |
      | bruno | no     |
      | david | no     |
    When I send POST "/api/v1/resolutions/{{resolution}}/close"
    Then the response field "result" is "rejected"
    And the response field "tally.yes" is the number 600
    And the response field "tally.no" is the number 400
    And the response field "tally.no_heads" is the number 2

  Scenario: The vote cap cuts a dominant owner to the others' votes
    Given the building has the lots:
      | number | type      | tantiemes |
      | A      | apartment | 600       |
      | B      | apartment | 250       |
      | C      | apartment | 150       |
    And the owners:
      | name  |
      | Anne  |
      | Bruno |
      | Chloé |
    And the lots are owned as follows:
      | lot | owner |
      | A   | anne  |
      | B   | bruno |
      | C   | chloe |
    And an ordinary assembly is planned on "2026-03-23"
    And the agenda has the points:
      | title                      | decision_type       |
      | Désignation du syndic      | syndic_appointment  |
    And the syndic convenes the assembly
    And the attendance is:
      | owner | attendance |
      | anne  | present    |
      | bruno | present    |
      | chloe | present    |
    And the assembly opens
    And point 1 is put to the vote as "Désigner le syndic Dupont pour trois ans"
    # Anne's 600 is cut to the others' 250 + 150 = 400: yes 400, no 400, not more than half.
    And the votes are:
      | owner | ballot |
      | anne  | yes    |
      | bruno | no     |
      | chloe | no     |
    When I send POST "/api/v1/resolutions/{{resolution}}/close"
    Then the response field "result" is "rejected"
    And the response field "majority" is "absolute"
    And the response field "tally.yes" is the number 400
    And the response field "tally.no" is the number 400
    And the response field "tally.cuts[0].owner_id" is "{{anne}}"
    And the response field "tally.cuts[0].votes" is the number 200

  Scenario: An owner in conflict of interest is left out of the vote on their own contract
    Given the building has the lots:
      | number | type      | tantiemes |
      | A      | apartment | 300       |
      | B      | apartment | 250       |
      | C      | apartment | 250       |
      | D      | apartment | 200       |
    And the owners:
      | name  |
      | Anne  |
      | Bruno |
      | Chloé |
      | David |
    And the lots are owned as follows:
      | lot | owner |
      | A   | anne  |
      | B   | bruno |
      | C   | chloe |
      | D   | david |
    And an ordinary assembly is planned on "2026-03-23"
    And the agenda has the points:
      | title                                  | decision_type |
      | Contrat d'entretien avec Chloé Toitures | other         |
    And the syndic convenes the assembly
    And the attendance is:
      | owner | attendance |
      | anne  | present    |
      | bruno | present    |
      | chloe | present    |
      | david | present    |
    And the assembly opens
    When I send POST "/api/v1/agenda-items/{{point1}}/resolutions"
      """
      {"text": "Confier l'entretien de la toiture à Chloé Toitures", "excluded_owner_ids": ["{{chloe}}"]}
      """
    Then the response status is 201
    And I remember the response field "id" as "resolution"
    When I send POST "/api/v1/resolutions/{{resolution}}/votes"
      """
      {"owner_id": "{{chloe}}", "ballot": "yes"}
      """
    Then the response is a problem 422 with code "excluded_from_vote"
    # Yes 300 + 250 = 550, no 200; Chloé's 250 is out of every count.
    Given the votes are:
      | owner | ballot |
      | anne  | yes    |
      | bruno | yes    |
      | david | no     |
    When I send POST "/api/v1/resolutions/{{resolution}}/close"
    Then the response field "result" is "adopted"
    And the response field "tally.yes" is the number 550
    And the response field "tally.no" is the number 200
    And the response field "tally.excluded_weight" is the number 250

  Scenario: The budget is voted through its resolution, and the minutes name who voted against
    Given the building has the lots:
      | number | type      | tantiemes |
      | A      | apartment | 500       |
      | B      | apartment | 300       |
      | C      | apartment | 200       |
    And the owners:
      | name  |
      | Anne  |
      | Bruno |
      | Chloé |
    And the lots are owned as follows:
      | lot | owner |
      | A   | anne  |
      | B   | bruno |
      | C   | chloe |
    And I send POST "/api/v1/buildings/{{building}}/budgets"
      """
      {"fiscal_year": 2026, "ordinary_amount": "24000.00", "extraordinary_amount": "0"}
      """
    And I remember the response field "id" as "budget"
    And an ordinary assembly is planned on "2026-03-23"
    And the agenda has the points:
      | title                 | decision_type   | budget |
      | Budget 2026           | budget_approval | budget |
    And the syndic convenes the assembly
    And the attendance is:
      | owner | attendance |
      | anne  | present    |
      | bruno | present    |
      | chloe | present    |
    And the assembly opens
    And point 1 is put to the vote as "Approuver le budget 2026 de 24 000 EUR"
    # Yes 500 + 200 = 700 against 300: adopted.
    And the votes are:
      | owner | ballot |
      | anne  | yes    |
      | bruno | no     |
      | chloe | yes    |
    And the vote is closed
    When I send GET "/api/v1/budgets/{{budget}}"
    Then the response field "status" is "voted"
    And the response field "general_assembly_date" is "2026-03-23"
    And the response field "resolution_ref" is "{{resolution}}"
    Given the assembly closes
    When I send POST "/api/v1/assemblies/{{assembly}}/minutes/sign"
      """
      {"signatories": ["Anne", "Sam", "Bruno"]}
      """
    Then the response field "status" is "minutes_signed"
    When I send GET "/api/v1/assemblies/{{assembly}}/minutes.pdf"
    Then the response status is 200
    And the downloaded PDF reads "Ont voté contre : Bruno"
    When I send GET "/api/v1/buildings/{{building}}/register"
    Then the response field "data" has an item whose "result" is "adopted"
    And the response field "data[0].title" is "Budget 2026"

  Scenario: An owner present votes from their account, for themselves only, and reads the register
    Given the building has the lots:
      | number | type      | tantiemes |
      | A      | apartment | 800       |
      | B      | apartment | 200       |
    And "sam" invites "anne" as "owner"
    And "anne" registers with the invitation
    And I am "sam"
    And I send POST "/api/v1/owners"
      """
      {"name": "Anne", "user_id": "{{anne.id}}"}
      """
    And I remember the response field "id" as "anne"
    And the owners:
      | name  |
      | Bruno |
    And the lots are owned as follows:
      | lot | owner |
      | A   | anne  |
      | B   | bruno |
    And an ordinary assembly is planned on "2026-03-23"
    And the agenda has the points:
      | title                   | decision_type |
      | Décharge au commissaire | discharge     |
    And the syndic convenes the assembly
    And the attendance is:
      | owner | attendance |
      | anne  | present    |
      | bruno | present    |
    And the assembly opens
    And point 1 is put to the vote as "Donner décharge au commissaire aux comptes"
    When I am "anne"
    And I send POST "/api/v1/resolutions/{{resolution}}/votes"
      """
      {"ballot": "no"}
      """
    Then the response status is 200
    And the response field "weight" is the number 800
    # A second vote replaces the first until the vote closes.
    When I send POST "/api/v1/resolutions/{{resolution}}/votes"
      """
      {"ballot": "yes"}
      """
    Then the response field "ballot" is "yes"
    When I send POST "/api/v1/resolutions/{{resolution}}/votes"
      """
      {"ballot": "yes", "owner_id": "{{bruno}}"}
      """
    Then the response is a problem 403 with code "forbidden"
    # Bruno abstains; Anne's 800 is cut to Bruno's 200 (the vote cap), all of it yes.
    When I am "sam"
    And the votes are:
      | owner | ballot  |
      | bruno | abstain |
    And the vote is closed
    And I am "anne"
    And I send GET "/api/v1/resolutions/{{resolution}}"
    Then the response field "result" is "adopted"
    And the response field "tally.yes" is the number 200
    When I send POST "/api/v1/resolutions/{{resolution}}/votes"
      """
      {"ballot": "no"}
      """
    Then the response is a problem 409 with code "resolution_closed"
    When I send GET "/api/v1/buildings/{{building}}/register"
    Then the response status is 200
    And the response field "data[0].result" is "adopted"

  Scenario: The convocation is kept as a PDF for each owner, and emailed to those who agreed to it
    Given the building has the lots:
      | number | type      | tantiemes |
      | A      | apartment | 600       |
      | B      | apartment | 400       |
    And I send POST "/api/v1/owners"
      """
      {"name": "Anne", "email": "anne@example.com"}
      """
    And I remember the response field "id" as "anne"
    And I send POST "/api/v1/owners"
      """
      {"name": "Bruno", "email": "bruno@example.com"}
      """
    And I remember the response field "id" as "bruno"
    And the lots are owned as follows:
      | lot | owner |
      | A   | anne  |
      | B   | bruno |
    # Anne agreed in writing to receive convocations by email; Bruno did not.
    And I send POST "/api/v1/owners/{{anne}}/consents"
      """
      {"purpose": "convocations_by_email", "text_version": "2026-01"}
      """
    And an ordinary assembly is planned on "2026-03-23"
    And the agenda has the points:
      | title                      | decision_type      |
      | Rénovation de la toiture   | common_parts_works |
    When I send POST "/api/v1/assemblies/{{assembly}}/convene"
    Then the response status is 200
    And the response field "recipients[0].name" is "Anne"
    And the response field "recipients[0].delivery" is "email"
    And the response field "recipients[1].delivery" is "registered_post"
    And I remember the response field "recipients[1].document_id" as "brunoConvocation"
    And the outbox holds 1 email to "anne", one about "convocation"
    And the email to "anne" has the attachment "convocation-ag-2026-03-23-{{anne}}.pdf" reading "deux tiers"
    And the outbox holds no email to "bruno"
    When I send GET "/api/v1/documents/{{brunoConvocation}}/versions/1/content"
    Then the response status is 200
    And the downloaded PDF reads "Vos lots : B, soit 400 quotes-parts"

  Scenario: An owner's point reaching the syndic 3 weeks before the annual period goes on the ordinary assembly's agenda; a later one waits
    Given the building has the lots:
      | number | type      | tantiemes |
      | A      | apartment | 600       |
      | B      | apartment | 400       |
    And "sam" invites "anne" as "owner"
    And "anne" registers with the invitation
    And I am "sam"
    And I send POST "/api/v1/owners"
      """
      {"name": "Anne", "user_id": "{{anne.id}}"}
      """
    And I remember the response field "id" as "anne"
    And the owners:
      | name  |
      | Bruno |
    And the lots are owned as follows:
      | lot | owner |
      | A   | anne  |
      | B   | bruno |
    # The internal rules hold the ordinary assembly in the 15 days from 27 March: proposals by 6 March.
    And I send PUT "/api/v1/buildings/{{building}}/governance-settings"
      """
      {"assembly_period_start": "03-27"}
      """
    And the response field "notice_days" is the number 15
    And an ordinary assembly is planned on "2026-03-27"
    And the agenda has the points:
      | title                   | decision_type     |
      | Approbation des comptes | discharge         |
    When I am "anne"
    And I send POST "/api/v1/buildings/{{building}}/agenda-proposals"
      """
      {"title": "Local vélos dans l'ancienne conciergerie", "decision_type": "common_parts_works"}
      """
    Then the response status is 201
    And the response field "proposed_by" is "Anne"
    And the response field "status" is "pending"
    Given today is "2026-03-07"
    And "anne" logs in
    And I send POST "/api/v1/buildings/{{building}}/agenda-proposals"
      """
      {"title": "Panneaux solaires sur la toiture", "decision_type": "common_parts_works"}
      """
    And "sam" logs in
    And I am "sam"
    And the syndic convenes the assembly
    When I send GET "/api/v1/assemblies/{{assembly}}"
    Then the response field "agenda" has 2 items
    And the response field "agenda[1].title" is "Local vélos dans l'ancienne conciergerie"
    And the response field "agenda[1].proposed_by" is "Anne"
    And the response field "agenda[1].majority" is "two_thirds"
    When I send GET "/api/v1/buildings/{{building}}/agenda-proposals"
    Then the response field "data[0].status" is "placed"
    And the response field "data[1].status" is "pending"

  Scenario: Owners holding a fifth of the shares require an assembly; the syndic has 30 days and is reminded
    Given the building has the lots:
      | number | type      | tantiemes |
      | A      | apartment | 850       |
      | B      | apartment | 150       |
    And the owners:
      | name  |
      | Anne  |
      | Bruno |
    And the lots are owned as follows:
      | lot | owner |
      | A   | anne  |
      | B   | bruno |
    # Bruno's 150 is less than a fifth of 1000.
    When I send POST "/api/v1/buildings/{{building}}/assembly-requisitions"
      """
      {"owner_ids": ["{{bruno}}"], "received_on": "2026-03-06"}
      """
    Then the response is a problem 422 with code "below_one_fifth"
    # Received Friday 6 March: the 30th day is Sunday 5 April, Easter Monday is a holiday, so 7 April.
    When I send POST "/api/v1/buildings/{{building}}/assembly-requisitions"
      """
      {"owner_ids": ["{{anne}}", "{{bruno}}"], "received_on": "2026-03-06"}
      """
    Then the response status is 201
    And the response field "due_on" is "2026-04-07"
    And the response field "shares" is the number 1000
    And the response field "status" is "pending"
    Given today is "2026-04-01"
    And "sam" logs in
    And I am "sam"
    And the job "governance-deadlines" runs
    When I send GET "/api/v1/notifications"
    Then the response field "data" has an item whose "type" is "governance.requisition_due"
    Given an extraordinary assembly is planned on "2026-04-20"
    And the agenda has the points:
      | title                   | decision_type     |
      | Travaux de façade       | common_parts_works |
    And the syndic convenes the assembly
    When I send GET "/api/v1/buildings/{{building}}/assembly-requisitions"
    Then the response field "data[0].status" is "convened"
    And the response field "data[0].convened_on" is "2026-04-01"
    And the response field "data[0].overdue" is false

  Scenario: The minutes reach every owner: by email for those who agreed, the others by registered post
    Given the building has the lots:
      | number | type      | tantiemes |
      | A      | apartment | 600       |
      | B      | apartment | 400       |
    And I send POST "/api/v1/owners"
      """
      {"name": "Anne", "email": "anne@example.com"}
      """
    And I remember the response field "id" as "anne"
    And the owners:
      | name  |
      | Bruno |
    And the lots are owned as follows:
      | lot | owner |
      | A   | anne  |
      | B   | bruno |
    And I send POST "/api/v1/owners/{{anne}}/consents"
      """
      {"purpose": "convocations_by_email", "text_version": "2026-01"}
      """
    And an ordinary assembly is planned on "2026-03-23"
    And the agenda has the points:
      | title                   | decision_type |
      | Décharge au commissaire | discharge     |
    And the syndic convenes the assembly
    And the attendance is:
      | owner | attendance |
      | anne  | present    |
      | bruno | present    |
    And the assembly opens
    And point 1 is put to the vote as "Donner décharge au commissaire"
    And the votes are:
      | owner | ballot |
      | anne  | yes    |
      | bruno | no     |
    And the vote is closed
    And the assembly closes
    # 30 days after 23 March is Wednesday 22 April: the syndic is reminded from 15 April.
    Given today is "2026-04-16"
    And "sam" logs in
    And I am "sam"
    And the job "governance-deadlines" runs
    When I send GET "/api/v1/notifications"
    Then the response field "data" has an item whose "type" is "governance.minutes_due"
    When I send POST "/api/v1/assemblies/{{assembly}}/minutes/send"
    Then the response status is 200
    And the response field "sent_on" is "2026-04-16"
    And the response field "recipients[0].delivery" is "email"
    And the response field "recipients[1].delivery" is "registered_post"
    And the email to "anne" has the attachment "pv-ag-2026-03-23-{{anne}}.pdf" reading "Ont voté contre : Bruno"

  Scenario: Works adopted with an amount raise a draft extraordinary call for funds
    Given the building has the lots:
      | number | type      | tantiemes |
      | A      | apartment | 600       |
      | B      | apartment | 400       |
    And the owners:
      | name  |
      | Anne  |
      | Bruno |
    And the lots are owned as follows:
      | lot | owner |
      | A   | anne  |
      | B   | bruno |
    And an ordinary assembly is planned on "2026-03-23"
    And I send POST "/api/v1/assemblies/{{assembly}}/agenda-items"
      """
      {"title": "Rénovation de la toiture", "decision_type": "common_parts_works", "works_amount": "80000.00"}
      """
    And I remember the response field "id" as "point1"
    And the response field "works_amount" is "80000.00"
    # The contractor's quote goes with the point, for the owners to read before they vote.
    When I upload a PDF saying "Devis toiture 80000 EUR" as "devis-toiture.pdf" to "/api/v1/agenda-items/{{point1}}/documents" with the fields:
      | field | value           |
      | title | Devis toiture   |
      | type  | quote           |
    Then the response status is 201
    When I send GET "/api/v1/agenda-items/{{point1}}/documents"
    Then the response field "data" has 1 items
    And the response field "data[0].title" is "Devis toiture"
    And the syndic convenes the assembly
    And the attendance is:
      | owner | attendance |
      | anne  | present    |
      | bruno | present    |
    And the assembly opens
    And point 1 is put to the vote as "Rénover la toiture pour 80 000 EUR"
    # Anne's 600 is cut to Bruno's 400: 400 yes, no votes against, adopted.
    And the votes are:
      | owner | ballot  |
      | anne  | yes     |
      | bruno | abstain |
    And the vote is closed
    When I send GET "/api/v1/buildings/{{building}}/call-for-funds"
    Then the response field "data[0].title" is "Travaux : Rénovation de la toiture"
    And the response field "data[0].status" is "draft"
    And the response field "data[0].extraordinary_amount" is "80000.00"
    And the response field "data[0].call_date" is "2026-03-23"

  Scenario: Approving the accounts closes the year in the ledger
    Given the building has the lots:
      | number | type      | tantiemes |
      | A      | apartment | 600       |
      | B      | apartment | 400       |
    And the owners:
      | name  |
      | Anne  |
      | Bruno |
    And the lots are owned as follows:
      | lot | owner |
      | A   | anne  |
      | B   | bruno |
    And the building's chart has the accounts:
      | code | label     |
      | 610  | Entretien |
    And I send POST "/api/v1/buildings/{{building}}/journal-entries"
      """
      {"journal": "ACH", "type": "manual", "entry_date": "2025-11-15", "description": "Facture d'entretien",
       "lines": [{"account_code": "610", "debit": "250.00"}, {"account_code": "440", "credit": "250.00"}]}
      """
    And the response status is 201
    And an ordinary assembly is planned on "2026-03-23"
    And I send POST "/api/v1/assemblies/{{assembly}}/agenda-items"
      """
      {"title": "Approbation des comptes 2025", "decision_type": "accounts_approval", "fiscal_year": 2025}
      """
    And I remember the response field "id" as "point1"
    And the syndic convenes the assembly
    And the attendance is:
      | owner | attendance |
      | anne  | present    |
      | bruno | present    |
    And the assembly opens
    And point 1 is put to the vote as "Approuver les comptes de l'exercice 2025"
    And the votes are:
      | owner | ballot |
      | anne  | yes    |
      | bruno | yes    |
    And the vote is closed
    When I send POST "/api/v1/buildings/{{building}}/journal-entries"
      """
      {"journal": "ACH", "type": "manual", "entry_date": "2025-12-15", "description": "Facture tardive",
       "lines": [{"account_code": "610", "debit": "5.00"}, {"account_code": "440", "credit": "5.00"}]}
      """
    Then the response is a problem 409 with code "fiscal_year_closed"
    When I send GET "/api/v1/buildings/{{building}}/journal-entries/balance?fiscal_year=2025"
    Then the balance of account "610" is "0.00"

  Scenario: Attending by video is refused unless the building allows it, and then counts as present
    Given the building has the lots:
      | number | type      | tantiemes |
      | A      | apartment | 600       |
      | B      | apartment | 400       |
    And the owners:
      | name  |
      | Anne  |
      | Bruno |
    And the lots are owned as follows:
      | lot | owner |
      | A   | anne  |
      | B   | bruno |
    And an ordinary assembly is planned on "2026-03-23"
    And the agenda has the points:
      | title                   | decision_type |
      | Décharge au commissaire | discharge     |
    And the syndic convenes the assembly
    When I send PUT "/api/v1/assemblies/{{assembly}}/attendance"
      """
      {"entries": [{"owner_id": "{{anne}}", "attendance": "remote"}]}
      """
    Then the response is a problem 422 with code "remote_not_allowed"
    When I send PUT "/api/v1/buildings/{{building}}/governance-settings"
      """
      {"remote_participation": true}
      """
    Then the response field "remote_participation" is true
    And the attendance is:
      | owner | attendance |
      | anne  | remote     |
      | bruno | present    |
    When I send POST "/api/v1/assemblies/{{assembly}}/open"
    Then the response field "quorum.heads_present" is the number 2
    And the response field "quorum.shares_present" is the number 1000
