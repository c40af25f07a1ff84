"""Word lists the rules share. Lower-case; config may extend the system and person lists.

Kept as plain frozensets so lookups stay O(1) and a reviewer can read every entry.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """A lexicon from whitespace-separated words."""
    return frozenset(text.split())


PERSON_PRONOUNS = words("i we you he she they")
"""Subject pronouns that stand for people. ``it`` is left out on purpose: it is a system."""

INDEFINITE_PEOPLE = words(
    "someone somebody nobody anyone anybody everyone everybody noone no-one whoever"
)

ROLE_NOUNS = words(
    """
    engineer engineers on-call oncall on-caller on-callers oncaller oncallers on-call-engineer
    reviewer reviewers operator operators sre sres developer developers dev devs admin admins
    administrator administrators sysadmin sysadmins dba dbas author authors committer committers
    responder responders commander ic manager managers lead leads intern interns contractor
    contractors staff employee employees human humans person people folks colleague colleagues
    teammate teammates coworker coworkers programmer programmers coder coders tester testers
    approver approvers deployer deployers releaser maintainer maintainers architect architects
    analyst analysts technician technicians newcomer newcomers hire hires junior juniors
    scribe pm pms vp cto ceo director directors individual individuals guy guys
    coordinator coordinators specialist specialists consultant consultants rep reps
    representative representatives supervisor supervisors exec execs executive executives
    boss bosses dispatcher dispatchers designer designers newbie newbies rookie rookies
    qe sdet sdets
    """
)
"""Nouns that name a person by role."""

GROUP_NOUNS = words(
    "team teams squad squads guild crew shift department org organisation ops devops leadership"
    " qa noc soc infosec secops netops sysops helpdesk servicedesk"
)
"""Nouns that name a group of people; ``the X team`` is a group agent."""

GROUP_CUES = {
    "rotation": words("on-call oncall pager support escalation"),
    "management": words("senior upper middle executive the our their") | {""},
}
"""Nouns that name a group only after these words ("" = opening the sentence): the on-call
rotation is people, key rotation is not; "Management" is people, memory management is not."""

SYSTEM_NOUNS = words(
    """
    it system systems service services server servers host hosts node nodes pod pods cluster
    clusters container containers process processes job jobs cron cronjob script scripts tool
    tools pipeline pipelines deploy deploys deployment deployments release releases build builds
    rollout rollouts rollback migration migrations change changes config configuration configs
    commit commits patch patches alert alerts alerting alarm alarms monitor monitors monitoring
    probe probes check checks healthcheck test tests database databases db dbs replica replicas
    primary secondary shard shards cache caches queue queues broker brokers consumer consumers
    producer producers worker workers scheduler schedulers controller controllers balancer
    balancers lb router routers proxy proxies gateway gateways api apis endpoint endpoints
    client clients sdk library libraries driver drivers agent agents daemon daemons kernel disk
    disks volume volumes network dns certificate certificates cert certs token tokens key keys
    request requests response responses traffic load query queries index indexes table tables
    autoscaler autoscaling hpa operator-sdk webhook webhooks handler handlers parser parsers
    validator validators detector detectors pager paging page dashboard dashboards graph graphs
    metric metrics log logs logging runbook runbooks playbook doc docs document documentation
    app apps application applications website site frontend backend storage search checkout
    billing payments payment auth login ingest ingestion cdn firewall vpn lock locks mutex
    thread threads connection connections pool pools backup backups snapshot snapshots
    failover code bug bugs feature flag flags limit limits quota quotas cpu memory ram heap
    timer timeout timeouts retry retries loop batch batches stream streams topic topics
    partition partitions instance instances vm vms machine machines fleet region regions zone
    zones bucket buckets object objects file files schema schemas model models bot bots
    integration integrations plugin plugins extension module modules function functions lambda
    terraform kubernetes k8s helm docker nginx envoy haproxy redis postgres postgresql mysql
    kafka rabbitmq zookeeper etcd consul vault elasticsearch opensearch mongodb cassandra
    prometheus alertmanager grafana datadog pagerduty opsgenie jenkins github gitlab argocd
    spinnaker aws gcp azure s3 ec2 rds lambda cloudflare fastly akamai memcached varnish
    sidekiq celery airflow spark hadoop hdfs linux systemd chef puppet ansible
    step stage stages canary canaries gate gates hook hooks form forms ui console cli
    sentry splunk kibana logstash fluentd fluentbit istio linkerd traefik caddy apache tomcat
    jetty nodejs django rails flask spring grpc graphql kinesis sqs sns dynamodb bigquery
    spanner pubsub cloudwatch stackdriver newrelic honeycomb jaeger zipkin opentelemetry
    slack jira confluence bitbucket circleci travis buildkite bazel gradle maven npm pip yarn
    webpack gunicorn uwsgi puma unicorn nomad mesos openshift rancher eks gke aks ecs fargate
    cloudfront route53 elb alb nlb waf iam kms okta auth0 keycloak ldap stripe twilio sendgrid
    mailgun braintree adyen paypal shopify salesforce zendesk segment snowflake databricks dbt
    looker tableau metabase superset clickhouse druid presto trino hive flink beam nats pulsar
    activemq pgbouncer patroni vitess cockroachdb tidb minio ceph gluster nfs samba bind
    coredns unbound dnsmasq chrony ntp ssh sshd openssl letsencrypt certbot acme mongo
    graphite statsd collectd telegraf influxdb victoriametrics thanos cortex loki tempo mimir
    pyroscope argo tekton flux kustomize pulumi cloudformation packer vagrant
    """
)
"""Subjects that are software, infrastructure or artefacts: never a blame target."""

PREPOSITIONS = words(
    """
    of for from to with by about than like on at in into onto over under after before during
    via per across against between through without within toward towards around behind
    """
)

DETERMINERS = words(
    """
    the a an this these those our their his her my your its one another each every some any
    no all both either neither two three four five six seven eight nine ten eleven twelve
    several many few multiple numerous
    """
)

RELATIVE_PRONOUNS = words("who that which whom whose")

POSTNOMINAL = words("involved concerned responsible")
"""Words that follow a people noun as part of it: "the engineers involved"."""

CLAUSE_BREAKERS = words(
    """
    because but and or so when while if although though since until unless once whereas
    then after before as
    """
)
"""Words that start a new clause; an agent is never looked for across them."""

COMPLEMENT_VERBS = words(
    """
    said says say noted notes note thought think believed believe assumed assume knew know
    found find saw see realised realized realise realize showed shows show means mean meant
    is was are were be been confirmed confirm reported report wrote write explained explain
    mentioned mention suggested suggest decided decide agreed agree expected expect learned
    learnt clear obvious evident
    """
)
"""Verbs after which ``that`` introduces a clause, not a relative clause."""

COMMON_VERBS = words(
    """
    ran run runs wrote write writes made make makes took take takes gave give gives got get
    gets went go goes saw see sees knew know knows did do does had has have sent send sends
    kept keep keeps left leave leaves put puts set sets told tell tells began begin begins
    brought bring brings built build builds held hold holds found find finds let lets
    caused causes broke breaks restarted restarts paged pages pushed pushes merged merges
    deployed deploys opened opens closed closes noticed notices approved approves
    """
)
"""Frequent verbs, so a word before a trigger is not mistaken for a subject noun."""

AGENT_SKIP = words(
    """
    also then later clearly apparently simply just still again never initially subsequently
    ultimately obviously evidently completely totally probably likely certainly really having
    unfortunately mistakenly accidentally repeatedly somehow actually basically already
    routinely often usually sometimes always frequently regularly constantly keep keeps kept
    had has have did does do was were is are not n't 've 'd ever even themselves himself
    herself myself ourselves yourself both all
    """
)
"""Adverbs and auxiliaries between a subject and its verb."""

ORGANISATIONAL_OBJECTS = words(
    """
    slo slos sla slas objective objectives target targets goal goals okr okrs commitment
    commitments budget budgets deadline deadlines quarter
    """
)
"""Objects that make ``we failed to meet/missed X`` a statement about the organisation."""

IMPACT_NOUNS = words(
    """
    outage outages incident incidents regression regressions bug bugs failure failures problem
    problems issue issues errors error downtime breakage cascade disruption degradation
    impact crash crashes stampede production prod site
    """
)

PROCESS_NOUNS = words(
    """
    runbook runbooks playbook playbooks process processes procedure procedures policy policies
    rule rules guideline guidelines checklist checklists protocol protocols freeze standard
    standards instructions steps step sop review approval
    """
)

DECISION_PARTICIPLES = words(
    """
    caught noticed spotted tested reviewed checked verified validated approved escalated paged
    rolled reverted paused stopped halted cancelled canceled communicated announced flagged
    reported deployed run tested double-checked followed started initiated performed executed
    applied taken requested
    """
)
"""Participles of human decisions: ``X should have been <these>`` implies a person."""


PERSON_VERBS = words("didn't never forgot ignored missed skipped broke")
SYSTEM_VERBS = words("failed fails timed crashed returned exceeded reached")
FUNCTION_WORDS = (
    DETERMINERS
    | PREPOSITIONS
    | CLAUSE_BREAKERS
    | RELATIVE_PRONOUNS
    | AGENT_SKIP
    | COMPLEMENT_VERBS
    | words(
        "it there here then later meanwhile finally eventually afterwards luckily nothing "
        "something everything what how why where when yes no not nor yet still soon once "
        "twice today yesterday tonight overnight"
    )
)
"""Words that make a clause-initial capitalised word a subject, or not."""
