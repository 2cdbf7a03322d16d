"""OpenAPI 3.1 description of the OA intake API, served at ``/api/editorial/openapi.json``."""

from __future__ import annotations

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
            "url": {"type": ["string", "null"], "description": "发布后的页面地址"},
            "page_id": {"type": ["integer", "null"]},
            "received_at": {"type": "string", "format": "date-time"},
            "comment": {"type": "string", "description": "退回意见"},
            "errors": {"type": "object"},
            "submission_id": {"type": "integer"},
            "created": {"type": "boolean", "description": "true 表示新建，false 表示按同一外部编号更新"},
        },
    }
    document = {
        "type": "object",
        "required": ["external_id", "title", "body", "column"],
        "properties": {
            "external_id": {
                "type": "string",
                "maxLength": 100,
                "description": "OA 系统中的唯一编号；重复推送即更新",
            },
            "kind": {
                "type": "string",
                "enum": ["policy", "news"],
                "default": "policy",
                "description": "policy 政策文件；news 新闻文章",
            },
            "title": {"type": "string", "maxLength": 255, "description": "标题"},
            "body": {
                "type": "string",
                "description": "正文 HTML，入库前清洗（仅保留段落、标题、列表、表格、链接等）",
            },
            "document_number": {"type": "string", "description": "文号", "example": "示政发〔2026〕12号"},
            "issuing_organ": {"type": "string", "description": "发文机关"},
            "written_date": {"type": "string", "format": "date", "description": "成文日期"},
            "column": {
                "oneOf": [{"type": "integer"}, {"type": "string"}],
                "description": "目标栏目：页面 ID 或栏目路径（如 /zwgk/zcwj/）",
            },
            "disclosure": {
                "type": "string",
                "enum": ["主动公开", "依申请公开", "不予公开"],
                "default": "主动公开",
                "description": "公开属性；仅主动公开的文件进入发布审核",
            },
            "disclosure_reason": {"type": "string", "description": "不予公开的理由（不予公开时必填）"},
            "attachments": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["filename", "content_base64"],
                    "properties": {
                        "title": {"type": "string"},
                        "filename": {"type": "string"},
                        "content_base64": {"type": "string", "contentEncoding": "base64"},
                    },
                },
            },
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "发布审核 · OA 公文推送接口",
            "version": "1.0.0",
            "description": (
                "办公系统（OA）把定稿公文推送到门户：接收后先保存原始数据，再校验、生成草稿并进入发布审核流程。"
                "同一 external_id 重复推送为更新，内容相同的重复推送不产生新版本。"
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
