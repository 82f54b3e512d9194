using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using PortOne.Json;

namespace PortOne.Paging
{
    /// <summary>
    /// The order payments are written in, whatever the status and sort: by status time, in the sort's direction;
    /// payments of the same second by the sort's own time where the payment carries it (started, paid; the API's
    /// "updated" is not in the payload), then by imp_uid. It depends on the data alone, never on how the range was
    /// cut into requests, which is what makes Skip and First exact.
    /// </summary>
    internal sealed class PaymentOrder
    {
        private readonly PaymentStatus _status;
        private readonly PaymentSort _sort;
        private readonly int _direction;

        public PaymentOrder(PaymentStatus status, PaymentSort sort)
        {
            _status = status;
            _sort = sort;
            _direction = sort.IsDescending() ? -1 : 1;
        }

        /// <summary>
        /// Sorts one range's payments in place. A payment whose status time this client cannot tell (a status PortOne
        /// added later) sorts as if at <paramref name="unknownSecond"/>, the second its range starts at.
        /// </summary>
        [MethodImpl(Jit.Optimized)] // runs for every payment: optimised at once, not after tiering
        public void Sort(List<PaymentAnnotation> payments, long unknownSecond)
        {
            if (payments.Count < 2) return;
            var keyed = new List<(long Status, long Sort, PaymentAnnotation Payment)>(payments.Count);
            foreach (PaymentAnnotation payment in payments) keyed.Add(KeyOf(payment, unknownSecond));
            keyed.Sort(Compare);
            for (int i = 0; i < keyed.Count; i++) payments[i] = keyed[i].Payment;
        }

        /// <summary>A payment's place in the order: its status time (or <paramref name="unknownSecond"/>), its sort time, itself.</summary>
        [MethodImpl(Jit.Optimized)] // runs for every payment: optimised at once, not after tiering
        public (long Status, long Sort, PaymentAnnotation Payment) KeyOf(PaymentAnnotation payment, long unknownSecond) =>
            (StatusTime.Of(payment, _status) ?? unknownSecond, StatusTime.SortTimeOf(payment, _sort) ?? 0, payment);

        [MethodImpl(Jit.Optimized)] // runs for every payment: optimised at once, not after tiering
        public int Compare((long Status, long Sort, PaymentAnnotation Payment) a, (long Status, long Sort, PaymentAnnotation Payment) b)
        {
            int order = a.Status.CompareTo(b.Status);
            if (order == 0) order = a.Sort.CompareTo(b.Sort);
            if (order == 0) order = string.CompareOrdinal(a.Payment.ImpUid, b.Payment.ImpUid);
            return order * _direction;
        }
    }
}
