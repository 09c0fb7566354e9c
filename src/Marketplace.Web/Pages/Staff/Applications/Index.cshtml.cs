using Marketplace.Domain.Producers;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Mail;
using Marketplace.Infrastructure.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Staff.Applications;

/// <summary>
/// Applications to the series organized by the staff member's municipalities, oldest first:
/// approve, or decline with a reason the producer is told.
/// </summary>
public class IndexModel(
    MarketplaceDbContext db,
    ProducerMessenger messenger,
    Outbox outbox,
    TimeProvider clock,
    IStringLocalizer<StaffResource> text) : PageModel
{
    public const int MaxReasonLength = 500;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    /// <summary>The application whose decline form answered with an error.</summary>
    public int? FailedId { get; private set; }

    [BindProperty(Name = "Reason")]
    public string? Reason { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public sealed record Row(int Id, string Series, int ProducerId, string ProducerName, string? Community,
        string Municipality, OrganizationType OrganizationType, bool HasAccount, DateTime AppliedAtUtc, int NoShows);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostApproveAsync(int id, CancellationToken cancellationToken) =>
        DecideAsync(id, (desk, scope) => desk.ApproveAsync(id, scope, cancellationToken), "Applications.Approved",
            cancellationToken);

    public async Task<IActionResult> OnPostDeclineAsync(int id, CancellationToken cancellationToken)
    {
        var reason = CheckReason(Reason, nameof(Reason), MaxReasonLength, ModelState, text);
        if (reason is null)
        {
            await LoadAsync(cancellationToken);
            if (Rows.All(r => r.Id != id))
            {
                return NotFound();
            }
            FailedId = id;
            return Page();
        }
        return await DecideAsync(id, (desk, scope) => desk.DeclineAsync(id, scope, reason!, cancellationToken),
            "Applications.Declined", cancellationToken);
    }

    /// <summary>
    /// A decline's reason, trimmed; or null, with the field error under <paramref name="field"/>,
    /// when it is missing or longer than <paramref name="maxLength"/>.
    /// </summary>
    internal static string? CheckReason(string? raw, string field, int maxLength,
        Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState, IStringLocalizer text)
    {
        var reason = raw?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            modelState.AddModelError(field, text["Validation.Required", text["Field.Reason"]]);
            return null;
        }
        if (reason.Length > maxLength)
        {
            modelState.AddModelError(field, text["Validation.MaxLength", text["Field.Reason"], maxLength]);
            return null;
        }
        return reason;
    }

    private async Task<IActionResult> DecideAsync(int id,
        Func<SeriesApplications, StaffScope, Task<ApplicationDecision>> decide, string doneMessage,
        CancellationToken cancellationToken)
    {
        var scope = await StaffScope.ForAsync(db, User, cancellationToken);
        var outcome = await decide(new SeriesApplications(db, messenger, outbox, clock), scope);
        if (outcome == ApplicationDecision.NotFound)
        {
            return NotFound();
        }
        StatusMessage = outcome == ApplicationDecision.Decided ? text[doneMessage] : text["Applications.AlreadyDecided"];
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var scope = await StaffScope.ForAsync(db, User, cancellationToken);
        var all = scope.All;
        var ids = scope.MunicipalityIds;
        var rows = await db.SeriesMemberships.AsNoTracking()
            .Where(m => m.Status == SeriesMembershipStatus.Applied
                && (all || ids.Contains(m.FairSeries!.OrganizerMunicipalityId)))
            .OrderBy(m => m.AppliedAtUtc).ThenBy(m => m.Id)
            .Select(m => new Row(m.Id, m.FairSeries!.Name, m.ProducerId, m.Producer!.DisplayName, m.Producer.Community,
                m.Producer.Municipality!.Name, m.Producer.OrganizationType, m.Producer.UserId != null, m.AppliedAtUtc, 0))
            .ToListAsync(cancellationToken);
        var noShows = await FairDays.NoShowCount.ForAsync(db, rows.Select(r => r.ProducerId), cancellationToken);
        Rows = rows.Select(r => r with { NoShows = noShows.GetValueOrDefault(r.ProducerId) }).ToList();
    }
}
