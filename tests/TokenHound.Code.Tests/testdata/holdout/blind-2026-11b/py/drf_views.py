import logging
import traceback

from django.db import transaction
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import Invoice

log = logging.getLogger(__name__)


class InvoiceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Invoice
        fields = ["id", "number", "amount", "currency", "status", "created_at"]

    def validate_amount(self, value):
        if value <= 0:
            raise serializers.ValidationError("amount must be positive")
        return round(value, 2)


class StandardPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


def _totals_by_currency(invoices):
    totals = {}
    for inv in invoices:
        totals[inv.currency] = totals.get(inv.currency, 0) + inv.amount
    return {k: round(v, 2) for k, v in sorted(totals.items())}


class InvoiceViewSet(viewsets.ModelViewSet):
    serializer_class = InvoiceSerializer
    pagination_class = StandardPagination

    def get_queryset(self):
        return Invoice.objects.filter(owner=self.request.user).order_by("-created_at")

    @action(detail=False, methods=["get"])
    def totals(self, request):
        return Response(_totals_by_currency(self.get_queryset()))

    @action(detail=True, methods=["post"])
    def finalize(self, request, pk=None):
        invoice = self.get_object()
        try:
            with transaction.atomic():
                invoice.finalize()
        except Exception:
            log.exception("finalize failed for invoice %s", pk)
            return Response({"detail": "could not finalize invoice"}, status=status.HTTP_409_CONFLICT)
        return Response(InvoiceSerializer(invoice).data)


class BulkImportView(APIView):
    def post(self, request):
        rows = request.data.get("rows", [])
        if not isinstance(rows, list) or not rows:
            return Response({"detail": "rows must be a non-empty list"}, status=status.HTTP_400_BAD_REQUEST)
        try:
            created = [Invoice.objects.create(owner=request.user, **row) for row in rows]
        except Exception:
            return Response({"detail": "import failed", "trace": traceback.format_exc()}, status=500)  # Noncompliant THC003
        return Response({"created": len(created)}, status=status.HTTP_201_CREATED)
