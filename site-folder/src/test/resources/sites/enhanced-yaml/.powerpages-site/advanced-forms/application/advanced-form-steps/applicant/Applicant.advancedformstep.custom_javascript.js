console.log('applicant step');
