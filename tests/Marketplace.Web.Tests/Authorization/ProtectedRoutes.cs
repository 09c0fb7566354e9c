namespace Marketplace.Web.Tests.Authorization;

public enum Area
{
    /// <summary>/Staff: staff of a municipality and administrators.</summary>
    Staff,
    /// <summary>/Admin: administrators only.</summary>
    Admin,
}

/// <summary>
/// One page or form handler of /Staff or /Admin. <see cref="Path"/> may hold tokens in braces
/// ({fairDay}, {booking}, …, see <see cref="MatrixSite"/>) that name Huancavelica's data.
/// <see cref="Owned"/>: the route shows or changes one municipality's data, so staff of
/// another municipality must get 403/404; otherwise they see their own municipality's view.
/// </summary>
public sealed record ProtectedRoute(string Method, string Path, Area Area = Area.Staff, bool Owned = false)
{
    public override string ToString() => $"{Method} {Path}";
}

/// <summary>
/// Every /Staff and /Admin page and handler, for the authorization matrix. To add a page, add a
/// line here (and, if it names data, a token in <see cref="MatrixSite"/>): the matrix then checks
/// it for anonymous visitors, producers, staff of the same and of another municipality, and admins.
/// A POST is sent with an empty form (plus the antiforgery token), so "allowed" may be a page with
/// field errors; it must never be a 500.
/// </summary>
public static class ProtectedRoutes
{
    public static readonly IReadOnlyList<ProtectedRoute> All =
    [
        // Staff home, producers, phone list, applications, certifications.
        new("GET", "/Staff"),
        new("GET", "/Staff/Producers"),
        new("GET", "/Staff/Producers/Create"),
        new("POST", "/Staff/Producers/Create"),
        new("GET", "/Staff/Producers/{producer}", Owned: true),
        new("POST", "/Staff/Producers/{producer}?handler=Invite", Owned: true),
        new("POST", "/Staff/Producers/{producer}?handler=SendAgain", Owned: true),
        new("GET", "/Staff/PhoneList"),
        new("POST", "/Staff/PhoneList?handler=Done&id={phoneNotice}", Owned: true),
        new("GET", "/Staff/Applications"),
        new("POST", "/Staff/Applications?handler=Decline&id={application}", Owned: true),
        new("POST", "/Staff/Applications?handler=Approve&id={applicationToApprove}", Owned: true),
        new("GET", "/Staff/Certifications"),
        new("GET", "/Staff/Certifications/{certification}", Owned: true),
        new("POST", "/Staff/Certifications/{certification}?handler=Decline", Owned: true),
        new("POST", "/Staff/Certifications/{certification}?handler=Verify", Owned: true),
        new("GET", "/Staff/Producers/{producer}/Bookings", Owned: true),
        new("GET", "/Staff/Producers/{producer}/Bookings?day={fairDay}", Owned: true),
        new("POST", "/Staff/Producers/{producer}/Bookings?handler=Book&day={fairDay}", Owned: true),
        // Venues, stall layouts, series, calendar and one fair day's exceptions.
        new("GET", "/Staff/Venues"),
        new("GET", "/Staff/Venues/Edit"),
        new("POST", "/Staff/Venues/Edit"),
        new("GET", "/Staff/Venues/Edit/{venue}", Owned: true),
        new("POST", "/Staff/Venues/Edit/{venue}", Owned: true),
        new("GET", "/Staff/Venues/{venue}/Stalls", Owned: true),
        new("POST", "/Staff/Venues/{venue}/Stalls?handler=Add", Owned: true),
        new("POST", "/Staff/Venues/{venue}/Stalls?handler=Bulk", Owned: true),
        new("POST", "/Staff/Venues/{venue}/Stalls?handler=Delete&stallId={heldStall}", Owned: true),
        new("GET", "/Staff/FairSeries"),
        new("GET", "/Staff/FairSeries/Edit"),
        new("POST", "/Staff/FairSeries/Edit"),
        new("GET", "/Staff/FairSeries/Edit/{series}", Owned: true),
        new("POST", "/Staff/FairSeries/Edit/{series}", Owned: true),
        new("GET", "/Staff/Calendar"),
        new("GET", "/Staff/Calendar?month=2026-13"),
        new("GET", "/Staff/FairDays/{fairDay}", Owned: true),
        new("POST", "/Staff/FairDays/{fairDay}?handler=Move", Owned: true),
        new("POST", "/Staff/FairDays/{fairDay}?handler=Skip", Owned: true),
        new("POST", "/Staff/FairDays/{fairDay}?handler=Cancel", Owned: true),
        // Fair-day operations.
        new("GET", "/Staff/Operations"),
        new("GET", "/Staff/FairDays/{fairDay}/CheckIn", Owned: true),
        new("POST", "/Staff/FairDays/{fairDay}/CheckIn?handler=CheckIn&bookingId={booking}", Owned: true),
        new("POST", "/Staff/FairDays/{fairDay}/CheckIn?handler=NoShow&bookingId={booking}", Owned: true),
        new("POST", "/Staff/FairDays/{fairDay}/CheckIn?handler=Paid&bookingId={booking}", Owned: true),
        new("POST", "/Staff/FairDays/{fairDay}/CheckIn?handler=Waive&bookingId={booking}", Owned: true),
        new("GET", "/Staff/FairDays/{fairDay}/Message", Owned: true),
        new("POST", "/Staff/FairDays/{fairDay}/Message", Owned: true),
        // Import, export, reports.
        new("GET", "/Staff/Import"),
        new("POST", "/Staff/Import"),
        new("GET", "/Staff/Import/{import}", Owned: true),
        new("GET", "/Staff/Export"),
        new("GET", "/Staff/Export?handler=Csv&MunicipalityId={municipality}&From=2040-01-01&To=2040-12-31", Owned: true),
        new("GET", "/Staff/Reports"),
        new("GET", "/Staff/Reports?MunicipalityId={municipality}&From=2040-01-01&To=2040-12-31", Owned: true),
        new("GET", "/Staff/Reports?handler=Csv&report=days&MunicipalityId={municipality}&From=2040-01-01&To=2040-12-31", Owned: true),
        // Administrators.
        new("GET", "/Admin", Area.Admin),
        new("GET", "/Admin/Outbox", Area.Admin),
        new("POST", "/Admin/Outbox?handler=Retry&id={outboxMessage}", Area.Admin),
        new("GET", "/Admin/Municipalities", Area.Admin),
        new("GET", "/Admin/Municipalities/Edit", Area.Admin),
        new("POST", "/Admin/Municipalities/Edit", Area.Admin),
        new("GET", "/Admin/Municipalities/Edit/{municipality}", Area.Admin),
        new("POST", "/Admin/Municipalities/Edit/{municipality}", Area.Admin),
        new("GET", "/Admin/Staff", Area.Admin),
        new("POST", "/Admin/Staff?handler=Add", Area.Admin),
        new("POST", "/Admin/Staff?handler=Remove&userId={staffUser}&municipalityId={municipality}", Area.Admin),
        new("GET", "/Admin/Audit?entity=Booking&page=2", Area.Admin),
    ];
}
