using Marketplace.Domain.Bookings;
using Marketplace.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.ProducerArea.Bookings;

/// <summary>
/// "What I'll bring" for one of the producer's own bookings: up to ten lines of product category,
/// free description and rough quantity, shown on the fair day's page. Blank lines are dropped;
/// the lines are replaced all at once or not at all.
/// </summary>
public class ItemsModel(MarketplaceDbContext db, TimeProvider clock, IStringLocalizer<BookingResource> text) : PageModel
{
    public const int MaxLines = 10;
    public const int DescriptionLength = 120;
    public const int QuantityLength = 60;

    [BindProperty(Name = nameof(Lines))]
    public List<LineInput> Lines { get; set; } = [];

    public sealed class LineInput
    {
        public int? CategoryId { get; set; }
        public string? Description { get; set; }
        public string? Quantity { get; set; }

        public bool IsBlank => CategoryId is null && string.IsNullOrWhiteSpace(Description) && string.IsNullOrWhiteSpace(Quantity);
    }

    public BookingLine Booking { get; private set; } = null!;
    public IReadOnlyList<(int Id, string Name)> Categories { get; private set; } = [];
    /// <summary>Cancelled bookings and past fair days keep their list, read-only.</summary>
    public bool Editable { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        Lines = (await ItemLine.ForBookingAsync(db, id, cancellationToken))
            .Select(i => new LineInput { CategoryId = i.CategoryId, Description = i.Description, Quantity = i.Quantity })
            .ToList();
        Pad();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        if (!Editable)
        {
            ModelState.AddModelError(string.Empty, text["Items.ReadOnly"]);
        }
        Validate();
        if (!ModelState.IsValid)
        {
            Pad();
            return Page();
        }

        var items = Lines.Where(l => !l.IsBlank).Select(l => new BookingItem
        {
            BookingId = id,
            ProductCategoryId = l.CategoryId,
            Description = l.Description?.Trim() ?? "",
            Quantity = string.IsNullOrWhiteSpace(l.Quantity) ? null : l.Quantity.Trim(),
        }).ToList();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.BookingItems.Where(i => i.BookingId == id).ExecuteDeleteAsync(cancellationToken);
            db.BookingItems.AddRange(items);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        new BookingNotice("Items.Saved").Store(TempData);
        return Redirect($"/Producer/Bookings/{id}");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var producerId = await SignedInProducer.IdAsync(db, User, cancellationToken);
        var booking = producerId is null ? null
            : await ProducerBookings.Lines(db, producerId.Value, b => b.Id == id).SingleOrDefaultAsync(cancellationToken);
        if (booking is null)
        {
            return false;
        }
        Booking = booking;
        Editable = booking.IsActive(clock.GetUtcNow().UtcDateTime);
        var culture = System.Globalization.CultureInfo.CurrentUICulture.Name;
        Categories = (await db.ProductCategories.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToListAsync(cancellationToken))
            .Select(c => (c.Id, c.NameFor(culture)))
            .ToList();
        return true;
    }

    private void Validate()
    {
        if (Lines.Count > MaxLines)
        {
            ModelState.AddModelError(string.Empty, text["Items.TooMany", MaxLines]);
            return;
        }
        for (var i = 0; i < Lines.Count; i++)
        {
            var line = Lines[i];
            if (line.IsBlank)
            {
                continue;
            }
            var prefix = $"{nameof(Lines)}[{i}].";
            if (line.CategoryId is { } category && Categories.All(c => c.Id != category))
            {
                ModelState.AddModelError(prefix + nameof(LineInput.CategoryId), text["Items.UnknownCategory"]);
            }
            if (line.CategoryId is null && string.IsNullOrWhiteSpace(line.Description))
            {
                ModelState.AddModelError(prefix + nameof(LineInput.Description), text["Items.WhatMissing"]);
            }
            if (line.Description?.Trim().Length > DescriptionLength)
            {
                ModelState.AddModelError(prefix + nameof(LineInput.Description), text["Items.TooLong", DescriptionLength]);
            }
            if (line.Quantity?.Trim().Length > QuantityLength)
            {
                ModelState.AddModelError(prefix + nameof(LineInput.Quantity), text["Items.TooLong", QuantityLength]);
            }
        }
    }

    /// <summary>Always ten lines on the form: a page without script cannot add rows.</summary>
    private void Pad()
    {
        while (Lines.Count < MaxLines)
        {
            Lines.Add(new LineInput());
        }
    }
}
