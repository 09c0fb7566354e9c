using Marketplace.Domain.Bookings;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Mail;
using Marketplace.Infrastructure.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Staff.FairDays;

/// <summary>
/// A message to every producer booked on one fair day: e-mailed through the outbox, or put on the
/// "to tell by phone" list for producers without e-mail, all in one transaction.
/// </summary>
public class MessageModel(
    MarketplaceDbContext db,
    FairDayBroadcast broadcast,
    SiteUrl site,
    IStringLocalizer<OperationsResource> text) : PageModel
{
    public ManagedFairDay Day { get; private set; } = null!;
    public int Recipients { get; private set; }

    [BindProperty]
    public string? Subject { get; set; }

    [BindProperty(Name = "Body")]
    public string? Body { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) is { } refusal ? refusal : Page();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refusal)
        {
            return refusal;
        }
        if (!Day.CanManage)
        {
            return Forbid();
        }
        Validate(nameof(Subject), Subject, "Message.Subject", FairDayBroadcast.MaxSubjectLength);
        Validate(nameof(Body), Body, "Message.Body", FairDayBroadcast.MaxMessageLength);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var scope = await StaffScope.ForAsync(db, User, cancellationToken);
        var result = await broadcast.SendAsync(id, scope, Subject!, Body!, $"{site.Base()}/Fairs/{id}", cancellationToken);
        if (result is null)
        {
            return NotFound();
        }
        StatusMessage = text["Message.Sent", result.Emailed, result.ByPhone];
        return Redirect($"/Staff/FairDays/{id}/CheckIn");
    }

    private void Validate(string field, string? value, string label, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            ModelState.AddModelError(field, text["Validation.Required", text[label]]);
        }
        else if (value.Trim().Length > maxLength)
        {
            ModelState.AddModelError(field, text["Validation.MaxLength", text[label], maxLength]);
        }
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var scope = await StaffScope.ForAsync(db, User, cancellationToken);
        var day = await ManagedFairDay.FindAsync(db, scope, id, cancellationToken);
        if (day is null)
        {
            return NotFound();
        }
        Day = day;
        var holding = Booking.HoldingStatuses.ToList();
        Recipients = await db.Bookings
            .Where(b => b.FairDayId == id && holding.Contains(b.Status) && b.Producer!.DeletedAtUtc == null)
            .Select(b => b.ProducerId).Distinct().CountAsync(cancellationToken);
        return null;
    }
}
