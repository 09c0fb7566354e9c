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
        var reason = Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            ModelState.AddModelError(nameof(Reason), text["Validation.Required", text["Field.Reason"]]);
        }
        else if (reason.Length > MaxReasonLength)
        {
            ModelState.AddModelError(nameof(Reason), text["Validation.MaxLength", text["Field.Reason"], MaxReasonLength]);
        }
        if (!ModelState.IsValid)
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
