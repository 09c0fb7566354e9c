using Marketplace.Web.Hosting;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Marketplace.Domain.Files;
using Marketplace.Domain.Producers;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Producers;
using Marketplace.Web.Pages.ProducerArea.Files;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ProducerRow = Marketplace.Domain.Producers.Producer;

namespace Marketplace.Web.Pages.ProducerArea;

/// <summary>
/// The producer's own profile: who it is, where, what it sells, its story and photo, and which of
/// those are public. A signed-in producer account without a producer row gets one on its first
/// save. The photo is checked for its real content and stored web-sized in the database.
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = UploadLimits.MultipartBodyLength)]
[RequestSizeLimit(UploadLimits.RequestBody)]
[UploadTooLarge(PhotoField)]
public partial class ProfileModel(
    MarketplaceDbContext db,
    TimeProvider clock,
    IStringLocalizer<ProducerResource> text,
    ILogger<ProfileModel> logger) : PageModel
{
    public const string PhotoField = "Input.Photo";

    [BindProperty(Name = nameof(Input))]
    public ProfileInput Input { get; set; } = new();

    /// <summary>No producer row yet: the first save creates it.</summary>
    public bool IsNew { get; private set; }

    /// <summary>
    /// The form asks only what booking needs (name, kind, municipality, products): a new profile's
    /// first form; the rest comes later on the whole form.
    /// </summary>
    public bool EssentialsOnly { get; private set; }

    /// <summary>Right after a save: the next open fair days near the producer, to book one.</summary>
    public IReadOnlyList<BookableDay>? NearDays { get; private set; }

    public const int NearDaysShown = 3;
    public Guid? PhotoFileId { get; private set; }
    public int? ProducerId { get; private set; }
    public IReadOnlyList<MunicipalityChoice> Municipalities { get; private set; } = [];
    public IReadOnlyList<CategoryChoice> Categories { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    [TempData]
    public bool? Saved { get; set; }

    public sealed record MunicipalityChoice(int Id, string Name, string Region);

    public sealed record CategoryChoice(int Id, string Name);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var producer = await ProducerAccounts.FindAsync(db, UserId, cancellationToken);
        Input = producer is null ? new ProfileInput { Essentials = true } : ProfileInput.From(producer);
        Show(producer);
        EssentialsOnly = producer is null;
        if (Saved == true && producer is not null)
        {
            NearDays = await BookableDays.NearestAsync(db, producer.Id, allRegions: false,
                clock.GetUtcNow().UtcDateTime, NearDaysShown, cancellationToken);
        }
        if (UploadTooLargeAttribute.Take(TempData) is { } field)
        {
            ModelState.AddModelError(field, text["Upload.TooLarge", UploadLimits.MaxMegabytes]);
        }
        await LoadChoicesAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadChoicesAsync(cancellationToken);
        Input.Validate(ModelState, text, Municipalities.Select(m => m.Id).ToHashSet(),
            Categories.Select(c => c.Id).ToHashSet());

        var now = clock.GetUtcNow().UtcDateTime;
        StoredFile? photo = null;
        if (Input.Photo is { Length: > 0 } upload)
        {
            await using var stream = upload.OpenReadStream();
            var result = await ProducerFiles.ReadAsync(stream, upload.Length, upload.FileName, UploadPurpose.Photo,
                null, now, cancellationToken);
            if (result.Problem is { } problem)
            {
                ModelState.AddModelError(PhotoField, UploadMessages.For(text, problem, UploadPurpose.Photo));
            }
            photo = result.File;
        }

        var existing = await ProducerAccounts.FindAsync(db, UserId, cancellationToken);
        if (!ModelState.IsValid)
        {
            if (photo is not null)
            {
                // A browser never sends a file again by itself.
                ModelState.AddModelError(PhotoField, text["Upload.ChooseAgain"]);
            }
            Show(existing);
            EssentialsOnly = Input.Essentials;
            return Page();
        }

        int producerId;
        try
        {
            producerId = await SaveAsync(existing, photo, now, cancellationToken);
        }
        catch (DbUpdateException) when (existing is null)
        {
            // A second first save of the same account (a double click) lost the race to create the
            // producer: the unique user index refused it, so save onto the row the first one made.
            db.ChangeTracker.Clear();
            existing = await ProducerAccounts.FindAsync(db, UserId, cancellationToken);
            if (existing is null)
            {
                throw;
            }
            producerId = await SaveAsync(existing, photo, now, cancellationToken);
        }
        logger.LogInformation("Producer {ProducerId} saved its profile", producerId);
        StatusMessage = text["Profile.Saved"];
        Saved = true;
        return RedirectToPage();
    }

    /// <summary>The profile, its products and its photo in one transaction; the replaced photo goes with it.</summary>
    private async Task<int> SaveAsync(ProducerRow? producer, StoredFile? photo, DateTime now,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (producer is null)
        {
            producer = new ProducerRow { DisplayName = "", UserId = UserId, CreatedAtUtc = now };
            db.Producers.Add(producer);
        }
        Input.ApplyTo(producer);
        if (producer.Id == 0)
        {
            // The photo's owner must exist first.
            await db.SaveChangesAsync(cancellationToken);
        }

        var replaced = producer.PhotoFileId;
        if (photo is not null)
        {
            photo.OwnerProducerId = producer.Id;
            db.StoredFiles.Add(photo);
            producer.PhotoFileId = photo.Id;
        }
        else if (Input.RemovePhoto)
        {
            producer.PhotoFileId = null;
        }
        await db.SaveChangesAsync(cancellationToken);

        if (replaced is { } oldId && replaced != producer.PhotoFileId)
        {
            // Only now that the profile no longer points at it.
            var ownerId = producer.Id;
            await db.StoredFiles.Where(f => f.Id == oldId && f.OwnerProducerId == ownerId)
                .ExecuteDeleteAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return producer.Id;
    }

    private void Show(ProducerRow? producer)
    {
        IsNew = producer is null;
        ProducerId = producer?.Id;
        PhotoFileId = producer?.PhotoFileId;
    }

    private async Task LoadChoicesAsync(CancellationToken cancellationToken)
    {
        Municipalities = await db.Municipalities.AsNoTracking()
            .OrderBy(m => m.Region!.Name).ThenBy(m => m.Name)
            .Select(m => new MunicipalityChoice(m.Id, m.Name, m.Region!.Name))
            .ToListAsync(cancellationToken);
        var culture = System.Globalization.CultureInfo.CurrentUICulture.Name;
        var categories = await db.ProductCategories.AsNoTracking()
            .OrderBy(c => c.SortOrder).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken);
        Categories = categories.Select(c => new CategoryChoice(c.Id, c.NameFor(culture))).ToList();
    }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)
        ?? throw new InvalidOperationException("The Producer policy lets only signed-in users in.");

    /// <summary>The profile form and its rules; every message names the field it is about.</summary>
    public sealed partial class ProfileInput
    {
        public const int MaxMembers = 100_000;

        [SingleLine]
        public string? DisplayName { get; set; }
        public OrganizationType? OrganizationType { get; set; }
        public int? MemberCount { get; set; }
        [SingleLine]
        public string? ContactName { get; set; }
        public Gender? ContactGender { get; set; }
        [SingleLine]
        public string? Community { get; set; }
        public int? MunicipalityId { get; set; }
        public string? Phone { get; set; }
        public List<int> ProductIds { get; set; } = [];
        public string? ProductsNote { get; set; }
        public string? Story { get; set; }
        public bool IsPhonePublic { get; set; }
        public bool IsStoryPublic { get; set; } = true;
        public bool IsCommunityPublic { get; set; } = true;
        public bool IsContactPublic { get; set; }
        public bool IsPhotoPublic { get; set; } = true;
        public IFormFile? Photo { get; set; }
        public bool RemovePhoto { get; set; }

        /// <summary>The short form was posted: only name, kind, municipality and products change.</summary>
        public bool Essentials { get; set; }

        public static ProfileInput From(ProducerRow p) => new()
        {
            DisplayName = p.DisplayName,
            OrganizationType = p.OrganizationType,
            MemberCount = p.MemberCount,
            ContactName = p.ContactName,
            ContactGender = p.ContactGender,
            Community = p.Community,
            MunicipalityId = p.MunicipalityId,
            Phone = p.Phone,
            ProductIds = p.Products.Select(pp => pp.ProductCategoryId).ToList(),
            ProductsNote = p.ProductsNote,
            Story = p.Story,
            IsPhonePublic = p.IsPhonePublic,
            IsStoryPublic = p.IsStoryPublic,
            IsCommunityPublic = p.IsCommunityPublic,
            IsContactPublic = p.IsContactPublic,
            IsPhotoPublic = p.IsPhotoPublic,
        };

        public void Validate(ModelStateDictionary state, IStringLocalizer text, IReadOnlySet<int> municipalities,
            IReadOnlySet<int> categories)
        {
            Text(state, text, nameof(DisplayName), DisplayName, "Field.DisplayName", 160, required: true);
            Text(state, text, nameof(ContactName), ContactName, "Field.ContactName", 160, required: false);
            Text(state, text, nameof(Community), Community, "Field.Community", 160, required: false);
            Text(state, text, nameof(ProductsNote), ProductsNote, "Field.ProductsNote", 500, required: false);
            Text(state, text, nameof(Story), Story, "Field.Story", 2000, required: false);
            if (OrganizationType is not { } type || !Enum.IsDefined(type))
            {
                state.TryAddModelError(Key(nameof(OrganizationType)), text["Validation.Choose", text["Field.OrganizationType"]]);
            }
            if (ContactGender is { } gender && !Enum.IsDefined(gender))
            {
                state.TryAddModelError(Key(nameof(ContactGender)), text["Validation.Choose", text["Field.ContactGender"]]);
            }
            if (MunicipalityId is not { } municipality || !municipalities.Contains(municipality))
            {
                state.TryAddModelError(Key(nameof(MunicipalityId)), text["Validation.Choose", text["Field.Municipality"]]);
            }
            if (MemberCount is { } members && (members < 1 || members > MaxMembers))
            {
                state.TryAddModelError(Key(nameof(MemberCount)), text["Validation.Members", MaxMembers]);
            }
            if (!string.IsNullOrWhiteSpace(Phone) && (Phone.Trim().Length > 32 || !PhonePattern().IsMatch(Phone.Trim())))
            {
                state.TryAddModelError(Key(nameof(Phone)), text["Validation.Phone"]);
            }
            if (ProductIds.Any(id => !categories.Contains(id)))
            {
                state.TryAddModelError(Key(nameof(ProductIds)), text["Validation.Products"]);
            }
        }

        public void ApplyTo(ProducerRow producer)
        {
            producer.DisplayName = DisplayName!.Trim();
            producer.OrganizationType = OrganizationType!.Value;
            producer.MunicipalityId = MunicipalityId!.Value;
            ApplyProducts(producer);
            if (Essentials)
            {
                return;
            }
            producer.MemberCount = MemberCount;
            producer.ContactName = Trimmed(ContactName);
            producer.ContactGender = ContactGender;
            producer.Community = Trimmed(Community);
            producer.Phone = Trimmed(Phone);
            producer.ProductsNote = Trimmed(ProductsNote);
            producer.Story = Trimmed(Story);
            producer.IsPhonePublic = IsPhonePublic;
            producer.IsStoryPublic = IsStoryPublic;
            producer.IsCommunityPublic = IsCommunityPublic;
            producer.IsContactPublic = IsContactPublic;
            producer.IsPhotoPublic = IsPhotoPublic;
        }

        private void ApplyProducts(ProducerRow producer)
        {
            var wanted = ProductIds.ToHashSet();
            producer.Products.RemoveAll(pp => !wanted.Contains(pp.ProductCategoryId));
            foreach (var id in wanted.Where(id => producer.Products.All(pp => pp.ProductCategoryId != id)))
            {
                producer.Products.Add(new ProducerProduct { ProductCategoryId = id });
            }
        }

        private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

        private static void Text(ModelStateDictionary state, IStringLocalizer text, string property, string? value,
            string label, int maxLength, bool required)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                if (required)
                {
                    state.TryAddModelError(Key(property), text["Validation.Required", text[label]]);
                }
            }
            else if (value.Trim().Length > maxLength)
            {
                state.TryAddModelError(Key(property), text["Validation.MaxLength", text[label], maxLength]);
            }
        }

        private static string Key(string property) => "Input." + property;

        [GeneratedRegex(@"^\+?[0-9][0-9 ()\-]{5,}$")]
        private static partial Regex PhonePattern();
    }
}
