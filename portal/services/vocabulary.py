"""The fixed vocabularies of the service hall: item types, audiences, life events, enterprise
lifecycle stages and place categories."""

from django.utils.translation import gettext_lazy as _

ITEM_TYPES = [
    ("licence", _("行政许可")),
    ("confirmation", _("行政确认")),
    ("payment", _("行政给付")),
    ("award", _("行政奖励")),
    ("ruling", _("行政裁决")),
    ("other_admin", _("其他行政权力")),
    ("public_service", _("公共服务")),
]
AUDIENCES = [("person", _("个人")), ("legal", _("法人")), ("both", _("个人和法人"))]
LIFE_EVENTS = [
    ("birth", _("生育收养")),
    ("education", _("教育")),
    ("employment", _("就业创业")),
    ("social_security", _("社会保障")),
    ("medical", _("医疗卫生")),
    ("elderly", _("养老服务")),
    ("housing", _("住房")),
    ("marriage", _("婚姻登记")),
    ("travel", _("交通出行")),
    ("identity", _("户籍证件")),
    ("assistance", _("社会救助")),
    ("veterans", _("退役军人")),
    ("death", _("身后事")),
]
LIFECYCLE = [
    ("start", _("企业开办")),
    ("operate", _("经营许可")),
    ("build", _("工程建设")),
    ("hire", _("用工社保")),
    ("tax", _("纳税缴费")),
    ("change", _("变更登记")),
    ("close", _("注销退出")),
]
PLACE_CATEGORIES = [
    ("service_center", _("政务服务中心")),
    ("street_center", _("街道便民服务中心")),
    ("community_station", _("社区服务站")),
    ("hospital", _("医院")),
    ("school", _("学校")),
    ("park", _("公园")),
    ("toilet", _("公共厕所")),
    ("parking", _("停车场")),
    ("police", _("派出所")),
    ("elderly_care", _("养老机构")),
    ("charging", _("充电站")),
]
