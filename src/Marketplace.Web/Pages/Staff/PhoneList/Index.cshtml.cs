using System.Security.Claims;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Staff.PhoneList;

/// <summary>
/// "To tell by phone": what would have been e-mailed to producers without an e-mail address, in
/// the staff member's municipalities, newest first. Staff call the producer and tick it off.
/// </summary>
public class IndexModel(MarketplaceDbContext db, TimeProvider clock, IStringLocalizer<StaffResource> text) : PageModel
{
    public const int MaxRows = 300;

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public bool Truncated { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public sealed record Row(int Id, int ProducerId, string ProducerName, string? Phone, string? Community,
        string Municipality, string TimeZoneId, string Subject, string Text, DateTime CreatedAtUtc)
    {
        /// <summary>
        /// The text to read out, as paragraphs of lines: the e-mail's signature ("-- " and the
        /// footer) is left out, it is nothing to tell on the phone.
        /// </summary>
        public IReadOnlyList<IReadOnlyList<string>> Paragraphs
        {
            get
            {
                var text = Text.Replace("\r\n", "\n", StringComparison.Ordinal);
                var signature = text.IndexOf("\n-- \n", StringComparison.Ordinal);
                if (signature >= 0)
                {
                    text = text[..signature];
                }
                return text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(paragraph => (IReadOnlyList<string>)paragraph.Split('\n'))
                    .ToList();
            }
        }
    }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var scope = await StaffScope.ForAsync(db, User, cancellationToken);
        var all = scope.All;
        var ids = scope.MunicipalityIds;
        var rows = await db.PhoneNotices.AsNoTracking()
            .Where(n => n.DoneAtUtc == null && (all || ids.Contains(n.MunicipalityId)))
            .OrderByDescending(n => n.CreatedAtUtc).ThenByDescending(n => n.Id)
            .Take(MaxRows + 1)
            .Select(n => new Row(n.Id, n.ProducerId, n.Producer!.DisplayName, n.Producer.Phone, n.Producer.Community,
                n.Producer.Municipality!.Name, n.Producer.Municipality.TimeZoneId, n.Subject, n.Text, n.CreatedAtUtc))
            .ToListAsync(cancellationToken);
        Truncated = rows.Count > MaxRows;
        Rows = Truncated ? rows[..MaxRows] : rows;
    }

    /// <summary>"Told": the notice leaves the list, with who ticked it off and when.</summary>
    public async Task<IActionResult> OnPostDoneAsync(int id, CancellationToken cancellationToken)
    {
        var scope = await StaffScope.ForAsync(db, User, cancellationToken);
        var notice = await db.PhoneNotices.SingleOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (notice is null || !scope.Covers(notice.MunicipalityId))
        {
            return NotFound();
        }
        if (notice.DoneAtUtc is null)
        {
            notice.DoneAtUtc = clock.GetUtcNow().UtcDateTime;
            notice.DoneByUserId = User.FindFirstValue(ClaimTypes.NameIdentifier);
            await db.SaveChangesAsync(cancellationToken);
        }
        StatusMessage = text["PhoneList.Done", notice.Subject];
        return RedirectToPage();
    }
}
