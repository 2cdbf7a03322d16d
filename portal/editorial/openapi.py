"""OpenAPI 3.1 description of the OA intake API, served at ``/api/editorial/openapi.json``.

The Document schema is generated from the serializers that validate the payload.
"""

from __future__ import annotations

from .intake_schema import document_schema

STATUS_VALUES = ["received", "invalid", "in_review", "published", "rejected", "failed"]


def openapi_document(server_url: str = "/api/editorial/") -> dict:
    error = {
        "type": "object",
        "properties": {
            "submission_id": {"type": "integer"},
            "errors": {
                "type": "object",
                "description": "按字段列出的错误信息（中文）；__all__ 为整体错误。",
                "additionalProperties": {"type": "array", "items": {"type": "string"}},
            },
        },
    }
    status = {
        "type": "object",
        "properties": {
            "external_id": {"type": "string"},
            "status": {"type": "string", "enum": STATUS_VALUES},
            "status_display": {"type": "string", "example": "审核中"},
            "step": {
                "type": ["string", "null"],
                "description": "当前或退回时所在的审核步骤",
                "example": "部门审核",
            },
            "waiting_for": {
                "type": ["string", "null"],
                "description": "当前步骤由谁办理（机构及人员）",
                "example": "示范区教育局：张明（示范区教育局）",
            },
            "url": {"type": ["string", "null"], "description": "发布后的页面地址"},
            "page_id": {"type": ["integer", "null"]},
            "received_at": {"type": "string", "format": "date-time"},
            "comment": {"type": "string", "description": "退回意见"},
            "errors": {"type": "object"},
            "submission_id": {"type": "integer"},
            "created": {"type": "boolean", "description": "true 表示新建，false 表示按同一外部编号更新"},
        },
    }
    document = document_schema()
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "发布审核 · OA 公文推送接口",
            "version": "1.0.0",
            "description": (
                "办公系统（OA）把定稿公文推送到门户：接收后先保存原始数据，再校验、生成草稿并进入发布审核流程。"
                "同一 external_id 重复推送为更新，内容相同的重复推送不产生新版本。"
                "令牌属于一个调用方（绑定机构及可推送的栏目），调用方只能查询和更新自己推送的文件。"
            ),
        },
        "servers": [{"url": server_url}],
        "components": {
            "securitySchemes": {
                "token": {
                    "type": "apiKey",
                    "in": "header",
                    "name": "Authorization",
                    "description": "Token <key>",
                }
            },
            "schemas": {"Document": document, "Status": status, "Errors": error},
        },
        "security": [{"token": []}],
        "paths": {
            "/documents/": {
                "post": {
                    "summary": "推送公文",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Document"}}
                        },
                    },
                    "responses": {
                        "201": {
                            "description": "已新建草稿并提交审核",
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/Status"}}
                            },
                        },
                        "200": {
                            "description": "按外部编号更新",
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/Status"}}
                            },
                        },
                        "400": {
                            "description": "数据有误（按字段列出中文错误）",
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/Errors"}}
                            },
                        },
                        "401": {"description": "令牌无效"},
                        "413": {"description": "请求体超过上限（缺省 120 MB；每个附件不超过 20 MB）"},
                        "202": {
                            "description": "已保存但处理暂未完成；稍后由系统重试，可查询状态",
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/Errors"}}
                            },
                        },
                    },
                }
            },
            "/documents/{external_id}/": {
                "get": {
                    "summary": "查询推送公文的状态",
                    "parameters": [
                        {"name": "external_id", "in": "path", "required": True, "schema": {"type": "string"}}
                    ],
                    "responses": {
                        "200": {
                            "description": "状态",
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/Status"}}
                            },
                        },
                        "404": {"description": "没有该外部编号的推送记录"},
                        "401": {"description": "令牌无效"},
                    },
                }
            },
        },
    }
