/** What every id of a business object looks like (the API schemas say the same). */
export const objectIdPattern = /^[A-Za-z0-9._:-]{1,128}$/;
